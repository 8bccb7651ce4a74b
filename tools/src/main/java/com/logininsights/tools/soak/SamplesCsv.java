package com.logininsights.tools.soak;

import java.util.List;
import java.util.Locale;

/** Every sample as CSV: the seconds since the input started, then one column per series; empty when not read. */
final class SamplesCsv {
    private SamplesCsv() {}

    static String of(List<Sample> samples) {
        StringBuilder csv = new StringBuilder("elapsed_s");
        for (Series series : Series.values()) {
            csv.append(',').append(series.column());
        }
        csv.append('\n');
        for (Sample sample : samples) {
            csv.append(String.format(Locale.ROOT, "%.1f", sample.elapsed().toMillis() / 1000.0));
            for (Series series : Series.values()) {
                csv.append(',');
                sample.value(series)
                        .ifPresent(value -> csv.append(
                                String.format(Locale.ROOT, "%." + Math.max(series.decimals(), 1) + "f", value)));
            }
            csv.append('\n');
        }
        return csv.toString();
    }
}
