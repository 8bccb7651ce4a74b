package com.logininsights.tools.liveview;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The input records that arrived during one window: how many, and the dead letters among them by reason.
 *
 * @param records enriched events and dead letters together
 */
record WindowInput(long records, SortedMap<String, Long> deadLettersByReason) {

    WindowInput {
        deadLettersByReason = Collections.unmodifiableSortedMap(new TreeMap<>(deadLettersByReason));
    }

    static WindowInput of(long records, Map<String, Long> deadLettersByReason) {
        return new WindowInput(records, new TreeMap<>(deadLettersByReason));
    }

    long deadLetters() {
        return deadLettersByReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
