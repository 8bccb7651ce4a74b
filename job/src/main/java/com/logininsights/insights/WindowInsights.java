package com.logininsights.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns the merged tally of a whole window into its summary and its per-value rows. */
public final class WindowInsights {
    static final int TOP_LOCALES = 5;

    private WindowInsights() {}

    /**
     * The tally of a whole window from its buckets' tallies, with at most {@code limits.maxValues()} values per
     * dimension. A bucket re-fired by a late event sends its whole tally again, holding more logins than before:
     * only its latest tally counts.
     */
    public static WindowTally mergeLatestPerBucket(Iterable<WindowTally> tallies, DimensionLimits limits) {
        Map<Integer, WindowTally> latestPerBucket = new HashMap<>();
        for (WindowTally tally : tallies) {
            latestPerBucket.merge(tally.spread(), tally, (a, b) -> b.logins() >= a.logins() ? b : a);
        }
        WindowTally window = new WindowTally();
        latestPerBucket.values().forEach(bucket -> window.addAll(bucket, DimensionLimits.NONE));
        window.keepTopValues(limits);
        return window;
    }

    public static WindowSummary summary(WindowTally window, int revision) {
        Map<String, Double> deviceShare = new TreeMap<>();
        window.values(Dimension.DEVICE_TYPE)
                .forEach((device, tally) -> deviceShare.put(device, share(tally.logins(), window.logins())));
        List<LocaleCount> topLocales = window.values(Dimension.LOCALE).entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, ValueTally> e) ->
                                e.getValue().logins())
                        .reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP_LOCALES)
                .map(e -> new LocaleCount(
                        e.getKey(), e.getValue().logins(), e.getValue().distinctUsers()))
                .toList();
        return new WindowSummary(
                window.windowStartMillis(),
                window.windowEndMillis(),
                revision,
                window.logins(),
                window.distinctUsers(),
                deviceShare,
                topLocales,
                window.recordsWithMissingFields());
    }

    public static List<DimensionInsight> perValue(WindowTally window, int revision) {
        List<DimensionInsight> rows = new ArrayList<>();
        for (Dimension dimension : Dimension.values()) {
            new TreeMap<>(window.values(dimension))
                    .forEach((value, tally) -> rows.add(new DimensionInsight(
                            window.windowStartMillis(),
                            window.windowEndMillis(),
                            revision,
                            dimension,
                            value,
                            tally.logins(),
                            tally.distinctUsers(),
                            share(tally.distinctUsers(), window.distinctUsers()))));
        }
        return rows;
    }

    private static double share(long part, long whole) {
        if (whole == 0) {
            return 0;
        }
        return BigDecimal.valueOf(part)
                .divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN)
                .doubleValue();
    }
}
