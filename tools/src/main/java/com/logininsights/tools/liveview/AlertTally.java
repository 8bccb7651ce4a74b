package com.logininsights.tools.liveview;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The job's alerts by the event time of the login that fired them, so that each counts in the window that login
 * belongs to, whatever transaction brought it. Counts are kept per second of event time (alerts carry whole seconds
 * or finer; windows are whole seconds), so memory stays bounded however many alerts come.
 */
final class AlertTally {
    private static final long BUCKET_MILLIS = 1000;

    private final NavigableMap<Long, Map<String, Long>> buckets = new TreeMap<>();

    void alert(long eventMillis, String signal) {
        buckets.computeIfAbsent(Math.floorDiv(eventMillis, BUCKET_MILLIS) * BUCKET_MILLIS, k -> new HashMap<>())
                .merge(signal, 1L, Long::sum);
    }

    /** Alerts by signal whose event time is from {@code startMillis} (inclusive) to {@code endMillis} (exclusive). */
    SortedMap<String, Long> between(long startMillis, long endMillis) {
        SortedMap<String, Long> bySignal = new TreeMap<>();
        buckets.subMap(startMillis, true, endMillis, false)
                .values()
                .forEach(counts -> counts.forEach((signal, count) -> bySignal.merge(signal, count, Long::sum)));
        return bySignal;
    }

    /** Drops the alerts of event times before this: windows that old have been shown. */
    void forgetBefore(long millis) {
        buckets.headMap(millis, false).clear();
    }

    int bucketCount() {
        return buckets.size();
    }
}
