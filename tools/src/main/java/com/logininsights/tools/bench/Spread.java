package com.logininsights.tools.bench;

import java.util.List;
import java.util.Locale;

/** The median of several runs' values and how far they spread. */
record Spread(double median, double min, double max) {

    static Spread of(List<Double> values) {
        return new Spread(BenchStats.median(values), BenchStats.min(values), BenchStats.max(values));
    }

    /** {@code 12.4 [12.1-13.0]}, or just the value when every run agrees (or there was one run). */
    String format(String pattern) {
        String middle = String.format(Locale.ROOT, pattern, median);
        if (min == max) {
            return middle;
        }
        return middle + " [" + String.format(Locale.ROOT, pattern, min) + "-" + String.format(Locale.ROOT, pattern, max)
                + "]";
    }
}
