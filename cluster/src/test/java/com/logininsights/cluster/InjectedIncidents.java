package com.logininsights.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the generator injects for the job's signals, and the flags that make the job watch for the same: the watched
 * locales and the minimum app version go to both, since the generator keeps its background off them (so that only an
 * incident can raise those two alerts).
 *
 * @param every event time from one incident to the next, every kind in turn; empty injects none
 */
record InjectedIncidents(Optional<Duration> every, List<String> watchedLocales, String minimumAppVersion) {
    private static final List<String> WATCHED = List.of("KP", "IR");
    private static final String MINIMUM_VERSION = "2.0";

    /** Every kind of incident, one every {@code every} of event time, the kinds in turn. */
    static InjectedIncidents everyKindEvery(Duration every) {
        return new InjectedIncidents(Optional.of(every), WATCHED, MINIMUM_VERSION);
    }

    /** No incident: the background alone, kept off the same watched locales and old versions. */
    static InjectedIncidents none() {
        return new InjectedIncidents(Optional.empty(), WATCHED, MINIMUM_VERSION);
    }

    List<String> generatorFlags() {
        List<String> flags = new ArrayList<>(signalFlags());
        every.ifPresent(interval ->
                flags.addAll(List.of("--incidents", "all", "--incident-every", interval.toSeconds() + "s")));
        return flags;
    }

    /** The job's flags for the two list-based signals; the others are on at their defaults. */
    List<String> jobFlags() {
        return signalFlags();
    }

    private List<String> signalFlags() {
        return List.of(
                "--watched-locales", String.join(",", watchedLocales), "--minimum-app-version", minimumAppVersion);
    }
}
