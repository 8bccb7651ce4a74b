package com.logininsights.signals;

import com.logininsights.common.Signal;
import com.logininsights.model.SourcePosition;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One episode of one signal about one subject: the login that fired it (its user, event time and source position)
 * and the evidence. An episode is reported once: a burst of 500 logins is one alert that counts them.
 *
 * @param subject the value of the subject: a user id, device id or IP address, as {@link Signal#subject()} says
 * @param userId the user of the login that fired it
 */
@TypeInfo(AlertSerializer.TypeInfo.class)
public record Alert(
        Signal signal, String subject, String userId, long eventTimeMillis, SourcePosition source, Evidence evidence) {

    /** Names the alert: one signal fires at most once on one login. The same input gives the same ids. */
    public String id() {
        return signal.signalName() + "/" + source.id();
    }

    /** What made the signal fire; each signal has its own kind. */
    public sealed interface Evidence {}

    /** new_device: the device, and the user's most recently seen device before it. */
    public record NewDevice(String deviceId, String previousDeviceId, long previousSeenMillis, int knownDevices)
            implements Evidence {}

    /** locale_hop: the locale, and the one the user was seen in shortly before. */
    public record LocaleHop(String locale, String previousLocale, long previousSeenMillis) implements Evidence {}

    /** watched_locale: the watched locale, and the user's locale before it (null when none is remembered). */
    public record WatchedLocale(String locale, String previousLocale) implements Evidence {}

    /** outdated_version: the version, and the minimum it is below. */
    public record OutdatedVersion(String appVersion, String minimumVersion) implements Evidence {}

    /**
     * burst, shared_device, shared_ip: the logins of the episode, from the first of those that crossed the threshold
     * to the last before it ended, and, for a shared device or IP address, the users who crossed it.
     */
    public record Count(
            long logins,
            long firstLoginMillis,
            long lastLoginMillis,
            List<String> userIds,
            int threshold,
            long withinMillis)
            implements Evidence {
        public Count {
            userIds = List.copyOf(userIds);
        }
    }
}
