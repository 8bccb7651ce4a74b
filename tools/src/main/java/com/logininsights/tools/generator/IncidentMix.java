package com.logininsights.tools.generator;

import java.time.Duration;
import java.util.List;

/**
 * Which incidents to inject into the background, and how often.
 *
 * @param kinds the kinds, taken in turn: with {@code k} kinds, each comes once every {@code k} incidents
 * @param every event time from one incident's start to the next; the first starts this long after the start time
 * @param burstSize logins in one burst, all within {@link Incidents#BURST_SPAN}
 * @param crowdSize distinct accounts on one shared device or IP, all within {@link Incidents#CROWD_SPAN}
 */
public record IncidentMix(List<IncidentKind> kinds, Duration every, int burstSize, int crowdSize) {
    public static final IncidentMix NONE = new IncidentMix(List.of(), Duration.ofMinutes(1), 20, 30);

    public IncidentMix {
        kinds = List.copyOf(kinds);
        if (every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("the time between incidents must be positive: " + every);
        }
        if (burstSize < 2 || crowdSize < 2) {
            throw new IllegalArgumentException(
                    "a burst or a crowd needs at least two logins: " + burstSize + ", " + crowdSize);
        }
    }

    public boolean any() {
        return !kinds.isEmpty();
    }
}
