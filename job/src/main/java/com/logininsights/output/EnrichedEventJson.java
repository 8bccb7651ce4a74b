package com.logininsights.output;

import com.logininsights.model.LoginEvent;
import com.logininsights.model.LoginField;

/** {@code user-login-processed}: the normalised event, its event time, what it lacked and where it was read. */
public final class EnrichedEventJson implements JsonRenderer<LoginEvent> {

    @Override
    public byte[] render(LoginEvent event, JsonWriter json) {
        json.beginObject();
        for (LoginField field : LoginField.TEXTS) {
            json.string(field.jsonName(), event.text(field));
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
