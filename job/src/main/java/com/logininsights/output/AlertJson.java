package com.logininsights.output;

import com.logininsights.common.Durations;
import com.logininsights.signals.Alert;
import com.logininsights.signals.Alert.Count;
import com.logininsights.signals.Alert.Evidence;
import com.logininsights.signals.Alert.LocaleHop;
import com.logininsights.signals.Alert.NewDevice;
import com.logininsights.signals.Alert.OutdatedVersion;
import com.logininsights.signals.Alert.WatchedLocale;
import java.time.Duration;

/**
 * {@code user-login-alerts}: what fired, about whom, on which login, and the evidence, whose fields depend on the
 * signal (docs/data-contract.md lists them).
 */
public final class AlertJson implements JsonRenderer<Alert> {

    @Override
    public byte[] render(Alert alert, JsonWriter json) {
        json.beginObject();
        json.string("id", alert.id());
        json.string("signal", alert.signal().signalName());
        json.string("subject_type", alert.signal().subjectField());
        json.string("subject", alert.subject());
        json.string("user_id", alert.userId());
        json.time("event_time", alert.eventTimeMillis());
        json.beginObject("evidence");
        evidence(json, alert.evidence());
        json.endNested();
        CommonFields.source(json, alert.source());
        return json.endObject();
    }

    private static void evidence(JsonWriter json, Evidence evidence) {
        if (evidence instanceof NewDevice device) {
            json.string("device_id", device.deviceId());
            json.string("previous_device_id", device.previousDeviceId());
            json.time("previous_seen", device.previousSeenMillis());
            json.number("known_devices", device.knownDevices());
        } else if (evidence instanceof LocaleHop hop) {
            json.string("locale", hop.locale());
            json.string("previous_locale", hop.previousLocale());
            json.time("previous_seen", hop.previousSeenMillis());
        } else if (evidence instanceof WatchedLocale watched) {
            json.string("locale", watched.locale());
            json.string("previous_locale", watched.previousLocale());
        } else if (evidence instanceof OutdatedVersion outdated) {
            json.string("app_version", outdated.appVersion());
            json.string("minimum_version", outdated.minimumVersion());
        } else {
            Count count = (Count) evidence;
            json.number("logins", count.logins());
            json.time("first_login", count.firstLoginMillis());
            json.time("last_login", count.lastLoginMillis());
            json.number("threshold", count.threshold());
            json.string("within", Durations.format(Duration.ofMillis(count.withinMillis())));
            if (!count.userIds().isEmpty()) {
                json.beginArray("user_ids");
                count.userIds().forEach(json::arrayString);
                json.endArray();
            }
        }
    }
}
