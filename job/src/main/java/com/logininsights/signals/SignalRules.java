package com.logininsights.signals;

import com.logininsights.common.Signal;
import com.logininsights.config.JobConfig;
import java.io.Serializable;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * The signals that are on and their thresholds, as the flags give them. Durations are kept in milliseconds of event
 * time. A "count" signal (burst, shared_device, shared_ip) fires when its count goes over the threshold, i.e. at
 * {@code threshold + 1}.
 *
 * @param deviceMemory how long a user's devices, locale and app version are remembered after they were last seen
 * @param maxEpisode the longest a count signal's episode runs before it is reported and a new one begins
 * @param minimumVersion app versions below it are outdated; null when outdated_version has no minimum
 */
public record SignalRules(
        Set<Signal> enabled,
        Duration deviceMemory,
        Duration localeHopWithin,
        int burstLogins,
        Duration burstWithin,
        int sharedDeviceUsers,
        int sharedIpUsers,
        Duration sharedWithin,
        Duration maxEpisode,
        Set<String> watchedLocales,
        String minimumVersion)
        implements Serializable {

    public SignalRules {
        enabled = enabled.isEmpty() ? EnumSet.noneOf(Signal.class) : EnumSet.copyOf(enabled);
        watchedLocales = Set.copyOf(watchedLocales);
        if (minimumVersion == null) {
            enabled.remove(Signal.OUTDATED_VERSION);
        }
        if (watchedLocales.isEmpty()) {
            enabled.remove(Signal.WATCHED_LOCALE);
        }
    }

    /** As the job's flags set them. */
    public static SignalRules of(JobConfig config) {
        return new SignalRules(
                config.signals(),
                config.deviceMemory(),
                config.localeHopWithin(),
                config.burstLogins(),
                config.burstWithin(),
                config.sharedDeviceUsers(),
                config.sharedIpUsers(),
                config.sharedWithin(),
                config.maxEpisode(),
                config.watchedLocales(),
                config.minimumAppVersion().orElse(null));
    }

    public boolean on(Signal signal) {
        return enabled.contains(signal);
    }

    /** Whether any signal about this kind of subject is on, so that logins must be seen by such subjects. */
    public boolean watches(Subject subject) {
        return enabled.stream().anyMatch(signal -> Subject.of(signal) == subject);
    }

    /** The users over which one device or IP address counts as shared. */
    public int sharedUsers(Subject subject) {
        return subject == Subject.DEVICE ? sharedDeviceUsers : sharedIpUsers;
    }

    /**
     * How long after its last login a subject's state can matter: the longest memory of the signals on about it. The
     * subject's state is cleared then, in event time.
     */
    public long memoryMillis(Subject subject) {
        if (subject != Subject.USER) {
            return sharedWithin.toMillis();
        }
        long memory = 0;
        if (on(Signal.NEW_DEVICE) || on(Signal.WATCHED_LOCALE) || on(Signal.OUTDATED_VERSION)) {
            memory = deviceMemory.toMillis();
        }
        if (on(Signal.LOCALE_HOP)) {
            memory = Math.max(memory, localeHopWithin.toMillis());
        }
        if (on(Signal.BURST)) {
            memory = Math.max(memory, burstWithin.toMillis());
        }
        return memory;
    }
}
