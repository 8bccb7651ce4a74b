package com.logininsights.tools.generator;

import java.time.Duration;

/**
 * What the record factory produces, apart from its seed and start time.
 *
 * @param badShare fraction of records that are malformed, drawn uniformly among the malformations
 * @param missingShare fraction of the other records that lack one optional field
 * @param jitter the most an event time lags its record's place in the schedule, which puts events out of order
 * @param userPoolSize how many distinct users the records come from, so distinct-user counts mean something
 */
public record RecordMix(double badShare, double missingShare, Duration jitter, int userPoolSize) {
    public RecordMix {
        requireShare("badShare", badShare);
        requireShare("missingShare", missingShare);
        if (jitter.isNegative()) {
            throw new IllegalArgumentException("jitter must not be negative: " + jitter);
        }
        if (userPoolSize < 1) {
            throw new IllegalArgumentException("userPoolSize must be at least 1: " + userPoolSize);
        }
    }

    private static void requireShare(String name, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " must be within 0..1: " + share);
        }
    }
}
