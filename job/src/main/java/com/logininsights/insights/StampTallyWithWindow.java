package com.logininsights.insights;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Phase one's output: the bucket's tally, told which window and bucket it is, for phase two to merge. */
public final class StampTallyWithWindow extends ProcessWindowFunction<WindowTally, WindowTally, Integer, TimeWindow> {

    @Override
    public void process(Integer spread, Context context, Iterable<WindowTally> tallies, Collector<WindowTally> out) {
        TimeWindow window = context.window();
        for (WindowTally tally : tallies) {
            tally.stamp(window.getStart(), window.getEnd(), spread);
            out.collect(tally);
        }
    }
}
