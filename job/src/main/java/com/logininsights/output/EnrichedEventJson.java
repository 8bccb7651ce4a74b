package com.logininsights.output;

import com.logininsights.model.LoginEvent;

/** {@code user-login-processed}: the normalised event, its event time, what it lacked and where it was read. */
public final class EnrichedEventJson implements JsonRenderer<LoginEvent> {

    @Override
    public byte[] render(LoginEvent event, JsonWriter json) {
        json.beginObject();
        json.string("user_id", event.userId());
        json.string("app_version", event.appVersion());
        json.string("device_type", event.deviceType());
        json.string("ip", event.ip());
        json.string("locale", event.locale());
        json.string("device_id", event.deviceId());
        json.number("timestamp", Math.floorDiv(event.eventTimeMillis(), 1000));
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
