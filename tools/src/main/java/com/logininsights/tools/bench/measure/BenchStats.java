package com.logininsights.tools.bench.measure;

import java.util.Arrays;
import java.util.List;

/** The benchmark's arithmetic, apart from any I/O so that it can be tested on its own. */
public final class BenchStats {
    private BenchStats() {}

    /** The middle value; the mean of the two middle values for an even count. */
    public static double median(List<Double> values) {
        double[] sorted = sortedCopy(values);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static double min(List<Double> values) {
        return sortedCopy(values)[0];
    }

    public static double max(List<Double> values) {
        double[] sorted = sortedCopy(values);
        return sorted[sorted.length - 1];
    }

    /**
     * The nearest-rank percentile of sorted values: the smallest value with at least {@code percent}% of the values
     * at or below it. Always one of the values, never an interpolation between two latencies nobody saw.
     */
    static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be in (0, 100]: " + percent);
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /**
     * Records per second between the first and the last append. Append times have millisecond resolution and a
     * whole producer batch shares one, so a span under a millisecond counts as one millisecond rather than
     * dividing by zero.
     */
    static double perSecond(long records, long firstMillis, long lastMillis) {
        if (records <= 0) {
            return 0;
        }
        if (lastMillis < firstMillis) {
            throw new IllegalArgumentException("last append " + lastMillis + " before first " + firstMillis);
        }
        return records * 1000.0 / Math.max(1, lastMillis - firstMillis);
    }

    private static double[] sortedCopy(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }
}
