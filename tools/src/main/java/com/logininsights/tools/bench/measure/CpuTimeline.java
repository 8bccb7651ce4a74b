package com.logininsights.tools.bench.measure;

import java.util.Arrays;

/**
 * A process's CPU time as it grew: readings of its total CPU seconds at wall-clock times, oldest first. It tells
 * what the process spent in a stretch of the run, such as the later half of its output, leaving out its start-up.
 */
record CpuTimeline(long[] millis, double[] cpuSeconds) {
    static final CpuTimeline EMPTY = new CpuTimeline(new long[0], new double[0]);

    /**
     * CPU seconds used from {@code fromMillis} to {@code toMillis}, each end read between the two readings around it
     * as if CPU grew evenly between them; NaN where the readings do not reach an end.
     */
    double between(long fromMillis, long toMillis) {
        return at(toMillis) - at(fromMillis);
    }

    private double at(long time) {
        int index = Arrays.binarySearch(millis, time);
        if (index >= 0) {
            return cpuSeconds[index];
        }
        int after = -index - 1;
        if (after == 0 || after == millis.length) {
            return Double.NaN;
        }
        int before = after - 1;
        double share = (time - millis[before]) / (double) (millis[after] - millis[before]);
        return cpuSeconds[before] + share * (cpuSeconds[after] - cpuSeconds[before]);
    }
}
