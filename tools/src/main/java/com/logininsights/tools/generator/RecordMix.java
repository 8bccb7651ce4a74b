package com.logininsights.tools.generator;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the record factory produces, apart from its seed and start time.
 *
 * @param badShare fraction of records that are malformed, drawn uniformly among the malformations
 * @param missingShare fraction of the other records that lack one optional field
 * @param jitter the most an event time lags its record's place in the schedule, which puts events out of order
 * @param userPoolSize how many distinct users the records come from, so distinct-user counts mean something
 * @param watchedLocales locales the job watches: the background never logs in from them, incidents do
 * @param minAppVersion the oldest app version the job accepts: the background never runs an older one, incidents do
 */
public record RecordMix(
        double badShare,
        double missingShare,
        Duration jitter,
        int userPoolSize,
        List<String> watchedLocales,
        Optional<AppVersion> minAppVersion) {
    public RecordMix {
        requireShare("badShare", badShare);
        requireShare("missingShare", missingShare);
        if (jitter.isNegative()) {
            throw new IllegalArgumentException("jitter must not be negative: " + jitter);
        }
        if (userPoolSize < 1) {
            throw new IllegalArgumentException("userPoolSize must be at least 1: " + userPoolSize);
        }
        watchedLocales = List.copyOf(watchedLocales);
    }

    /** A mix that watches no locale and accepts every version. */
    public RecordMix(double badShare, double missingShare, Duration jitter, int userPoolSize) {
        this(badShare, missingShare, jitter, userPoolSize, List.of(), Optional.empty());
    }

    /** The background's vocabulary: upstream's, without the watched locales and the outdated versions. */
    UpstreamValues background() {
        return new UpstreamValues(java.util.Set.copyOf(watchedLocales), minAppVersion);
    }

    private static void requireShare(String name, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " must be within 0..1: " + share);
        }
    }
}
