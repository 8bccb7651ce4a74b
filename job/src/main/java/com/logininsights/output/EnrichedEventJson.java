package com.logininsights.output;

import com.logininsights.model.LoginEvent;
import com.logininsights.model.LoginField;

/**
 * {@code user-login-processed}: the normalised event, its event time, what it lacked and where it was read; with
 * {@link Pseudonyms}, the {@link LoginField#PSEUDONYMISED} fields as their pseudonyms.
 */
public final class EnrichedEventJson implements JsonRenderer<LoginEvent> {
    /** Null when the job writes the fields as they came. */
    private final Pseudonyms pseudonyms;

    public EnrichedEventJson() {
        this(null);
    }

    public EnrichedEventJson(Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    @Override
    public byte[] render(LoginEvent event, JsonWriter json) {
        json.beginObject();
        for (LoginField field : LoginField.TEXTS) {
            String text = event.text(field);
            if (pseudonyms != null && text != null && LoginField.PSEUDONYMISED.contains(field)) {
                text = pseudonyms.of(field, text);
            }
            json.string(field.jsonName(), text);
        }
        json.number(LoginField.TIMESTAMP.jsonName(), Math.floorDiv(event.eventTimeMillis(), 1000));
        json.time("event_time", event.eventTimeMillis());
        json.beginArray("missing_fields");
        if (event.hasMissingFields()) {
            event.missingFields().forEach(json::arrayString);
        }
        json.endArray();
        CommonFields.source(json, event.source());
        return json.endObject();
    }
}
