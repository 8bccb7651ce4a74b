package com.logininsights.signals;

import com.logininsights.model.LoginEvent;
import com.logininsights.model.LoginField;
import com.logininsights.model.SourcePosition;
import java.util.Comparator;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A login as one subject sees it: for a user, the device, locale and app version it came with; for a device or an
 * IP address, the user. Sightings wait in state until event time passes them, so they carry only what the signals
 * read.
 *
 * @param value the subject's value: the user id, device id or IP address
 * @param userId the user who logged in (for a user, the subject itself)
 */
@TypeInfo(SightingSerializer.TypeInfo.class)
public record Sighting(
        Subject subject,
        String value,
        String userId,
        String deviceId,
        String locale,
        String appVersion,
        long timeMillis,
        SourcePosition source) {

    /**
     * The order in which a subject's sightings are evaluated: event time, then what the login says, then where it was
     * read. Logins of the same instant therefore take the same order whatever order they arrive in; only two logins
     * alike in every field the signals read can swap places, and then only the source position in an alert can
     * differ.
     */
    public static final Comparator<Sighting> EVALUATION_ORDER = Comparator.comparingLong(Sighting::timeMillis)
            .thenComparing(Sighting::userId)
            .thenComparing(Sighting::deviceId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Sighting::locale, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Sighting::appVersion, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(s -> s.source().topic())
            .thenComparingInt(s -> s.source().partition())
            .thenComparingLong(s -> s.source().offset());

    public Sighting {
        Objects.requireNonNull(subject);
        Objects.requireNonNull(value);
        Objects.requireNonNull(userId);
    }

    /** A user's sighting of a login. */
    public static Sighting ofUser(LoginEvent login) {
        return new Sighting(
                Subject.USER,
                login.userId(),
                login.userId(),
                login.text(LoginField.DEVICE_ID),
                login.text(LoginField.LOCALE),
                login.text(LoginField.APP_VERSION),
                login.eventTimeMillis(),
                login.source());
    }

    /** A device's or an IP address's sighting of a login: who logged in on it, and when. */
    public static Sighting ofShared(Subject subject, String value, LoginEvent login) {
        return new Sighting(subject, value, login.userId(), null, null, null, login.eventTimeMillis(), login.source());
    }

    /** The key of the subject's state. */
    public String key() {
        return subject.key(value);
    }
}
