package com.logininsights.tools.soak;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The soak's running table: a heading, then one fixed-width line per sample, so a log of it reads as a table. */
final class SampleLines {
    /** What a line shows: every measurement, and the latest checkpoint's number. */
    static final List<Series> SHOWN = Stream.concat(
                    Stream.of(Series.values()).filter(Series::measure), Stream.of(Series.CHECKPOINT_ID))
            .toList();

    private static final int TIME_WIDTH = 7;

    private SampleLines() {}

    static String heading() {
        StringBuilder line = new StringBuilder(pad("time", TIME_WIDTH));
        for (Series series : SHOWN) {
            line.append(pad(series.header(), width(series)));
        }
        return line.toString();
    }

    static String line(Sample sample) {
        StringBuilder line = new StringBuilder(pad(clock(sample.elapsed().toSeconds()), TIME_WIDTH));
        for (Series series : SHOWN) {
            line.append(pad(format(series, sample), width(series)));
        }
        return line.toString();
    }

    /** {@code 1:05:30} or {@code 5:30}: hours only when there are some. */
    static String clock(long seconds) {
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", minutes, seconds % 60);
    }

    /** A value as people read it ({@code 5,001}, {@code 62.4}); {@code -} when the series has none this time. */
    static String format(Series series, Sample sample) {
        return sample.value(series).isPresent()
                ? format(series, sample.value(series).getAsDouble())
                : "-";
    }

    static String format(Series series, double value) {
        return String.format(Locale.ROOT, "%,." + series.decimals() + "f", value);
    }

    private static int width(Series series) {
        return Math.max(series.header().length(), 7) + 2;
    }

    private static String pad(String text, int width) {
        return " ".repeat(Math.max(1, width - text.length())) + text;
    }
}
