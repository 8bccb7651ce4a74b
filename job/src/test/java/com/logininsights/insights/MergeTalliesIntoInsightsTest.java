package com.logininsights.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.model.SourcePosition;
import com.logininsights.testing.Logins;
import com.logininsights.testing.WindowHarness;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Phase two of the window aggregation, as the topology builds it (a window over all tallies, with allowed
 * lateness): the buckets' tallies of a window merge into its insights, a bucket re-fired by a late event replaces
 * its earlier tally, each firing of the window carries the next revision, and the window's state goes when its
 * lateness has passed.
 */
class MergeTalliesIntoInsightsTest {
    private static final SourcePosition SOURCE = new SourcePosition("user-login", 0, 0, 0);
    private static final DimensionLimits LIMITS = DimensionLimits.perWindow(256);
    private static final long WINDOW_END = 10_000;
    private static final Duration LATENESS = Duration.ofHours(1);

    @Test
    void aRefiredBucketReplacesItsTallyAndEachFiringIsTheNextRevision() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<Byte, WindowTally, Insight> harness = merge()) {
            harness.open();
            harness.processElement(tally(3, "a", "b"), WINDOW_END - 1);
            harness.processElement(tally(7, "c"), WINDOW_END - 1);
            harness.processWatermark(WINDOW_END - 1);

            assertThat(summaries(harness))
                    .extracting(WindowSummary::revision, WindowSummary::logins, WindowSummary::distinctUsers)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 3L, 3L));
            assertThat(rows(harness))
                    .filteredOn(row -> row.dimension() == Dimension.DEVICE_TYPE)
                    .extracting(DimensionInsight::value, DimensionInsight::logins, DimensionInsight::revision)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("ios", 3L, 0));
            harness.getOutput().clear();

            // A late login by d re-fires bucket 3, which sends its whole tally again: a, b and now d.
            harness.processElement(tally(3, "a", "b", "d"), WINDOW_END - 1);

            assertThat(summaries(harness))
                    .extracting(WindowSummary::revision, WindowSummary::logins, WindowSummary::distinctUsers)
                    .as("bucket 3's latest tally (3 logins) and bucket 7's (1), not the sum of all three tallies")
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 4L, 4L));
            harness.getOutput().clear();

            harness.processWatermark(WINDOW_END + LATENESS.toMillis());
            assertThat(harness.numKeyedStateEntries())
                    .as("the window's tallies and its count of firings, once its lateness has passed")
                    .isZero();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<Byte, WindowTally, Insight> merge() throws Exception {
        DataStream<Insight> merged = WindowHarness.declaring()
                .fromData(new WindowTally())
                .windowAll(TumblingEventTimeWindows.of(Duration.ofMillis(WINDOW_END)))
                .allowedLateness(LATENESS)
                .process(new MergeTalliesIntoInsights(LIMITS));
        return WindowHarness.of(merged);
    }

    /** What phase one sends for a bucket: its tally of the window so far, stamped. */
    private static WindowTally tally(int bucket, String... users) {
        WindowTally tally = new WindowTally();
        for (String user : users) {
            tally.add(Logins.event(user, "2.3.0", "ios", "1.2.3.4", "TX", "d", 1_000, SOURCE), LIMITS);
        }
        tally.stamp(0, WINDOW_END, bucket);
        return tally;
    }

    private static List<WindowSummary> summaries(KeyedOneInputStreamOperatorTestHarness<Byte, WindowTally, Insight> h) {
        return h.extractOutputValues().stream()
                .map(Insight::summary)
                .filter(s -> s != null)
                .toList();
    }

    private static List<DimensionInsight> rows(KeyedOneInputStreamOperatorTestHarness<Byte, WindowTally, Insight> h) {
        return h.extractOutputValues().stream()
                .map(Insight::dimension)
                .filter(row -> row != null)
                .toList();
    }
}
