package com.logininsights.tools.bench.report;

import com.logininsights.tools.bench.measure.BenchStats;
import java.util.List;
import java.util.Locale;

/** The median of several runs' values and how far they spread. */
public record RunSpread(double median, double min, double max) {

    public static RunSpread of(List<Double> values) {
        return new RunSpread(BenchStats.median(values), BenchStats.min(values), BenchStats.max(values));
    }

    /** {@code 12.4 [12.1-13.0]}, or just the value when every run agrees (or there was one run). */
    public String format(String pattern) {
        String middle = String.format(Locale.ROOT, pattern, median);
        if (min == max) {
            return middle;
        }
        return middle + " [" + String.format(Locale.ROOT, pattern, min) + "-" + String.format(Locale.ROOT, pattern, max)
                + "]";
    }
}
