package com.logininsights.insights;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Phase two: merges the buckets' tallies of one window into the window's summary and per-value rows. It sees at
 * most one tally per bucket per firing, so it runs at parallelism 1 without becoming a bottleneck.
 *
 * <p>When allowed lateness lets a late event re-fire a bucket, that bucket sends its whole tally again. So only
 * the latest tally of each bucket counts (a re-fired tally holds more logins than the one it replaces), and the
 * output carries a revision number that grows with each firing of the window.
 */
public final class MergeTalliesIntoInsights extends ProcessAllWindowFunction<WindowTally, Insight, TimeWindow> {

    private static final ValueStateDescriptor<Integer> FIRINGS = new ValueStateDescriptor<>("firings", Types.INT);

    private final DimensionLimits limits;

    public MergeTalliesIntoInsights(DimensionLimits limits) {
        this.limits = limits;
    }

    @Override
    public void process(Context context, Iterable<WindowTally> tallies, Collector<Insight> out) throws Exception {
        WindowTally window = WindowInsights.mergeLatestPerBucket(tallies, limits);
        window.stamp(context.window().getStart(), context.window().getEnd(), -1);

        ValueState<Integer> firings = context.windowState().getState(FIRINGS);
        int revision = firings.value() == null ? 0 : firings.value();
        firings.update(revision + 1);

        out.collect(Insight.of(WindowInsights.summary(window, revision)));
        for (DimensionInsight row : WindowInsights.perValue(window, revision)) {
            out.collect(Insight.of(row));
        }
    }

    @Override
    public void clear(Context context) {
        context.windowState().getState(FIRINGS).clear();
    }
}
