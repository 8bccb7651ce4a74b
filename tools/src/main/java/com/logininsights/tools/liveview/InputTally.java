package com.logininsights.tools.liveview;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The job's input as its outputs tell it: every enriched event and every dead letter carries the Kafka timestamp of
 * the input record it came from ({@code source.timestamp}), so each is counted in the time it arrived, whatever
 * topic, partition or transaction brought it and whenever this view read it.
 *
 * <p>Counts are kept per {@value #BUCKET_MILLIS} ms of arrival time, so a window's figures are exact for windows that
 * are whole multiples of it (the job's are) and memory stays bounded at any rate.
 */
final class InputTally {
    static final long BUCKET_MILLIS = 100;

    private final NavigableMap<Long, Bucket> buckets = new TreeMap<>();

    private static final class Bucket {
        long records;
        Map<String, Long> deadLetters;
    }

    void enriched(long arrivedMillis) {
        bucket(arrivedMillis).records++;
    }

    void deadLetter(long arrivedMillis, String reason) {
        Bucket bucket = bucket(arrivedMillis);
        bucket.records++;
        if (bucket.deadLetters == null) {
            bucket.deadLetters = new HashMap<>();
        }
        bucket.deadLetters.merge(reason, 1L, Long::sum);
    }

    /** What arrived from {@code startMillis} (inclusive) to {@code endMillis} (exclusive). */
    WindowInput between(long startMillis, long endMillis) {
        long records = 0;
        Map<String, Long> deadLetters = new HashMap<>();
        for (Bucket bucket : buckets.subMap(startMillis, true, endMillis, false).values()) {
            records += bucket.records;
            if (bucket.deadLetters != null) {
                bucket.deadLetters.forEach((reason, count) -> deadLetters.merge(reason, count, Long::sum));
            }
        }
        return WindowInput.of(records, deadLetters);
    }

    /** Drops what arrived before this time: windows that old have been shown. */
    void forgetBefore(long millis) {
        buckets.headMap(millis, false).clear();
    }

    int bucketCount() {
        return buckets.size();
    }

    private Bucket bucket(long arrivedMillis) {
        return buckets.computeIfAbsent(Math.floorDiv(arrivedMillis, BUCKET_MILLIS) * BUCKET_MILLIS, k -> new Bucket());
    }
}
