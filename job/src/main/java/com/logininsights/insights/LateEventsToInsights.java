package com.logininsights.insights;

import com.logininsights.model.LoginEvent;
import java.util.Collection;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Events that arrive after their window has closed (and its allowed lateness passed) are still in the enriched
 * stream; here they are also counted, in the {@code lateEvents} metric, and written to the insights topic as
 * {@code late_event} records so a reader of the insights sees what its figures leave out. The window each one missed
 * is the one the windows' own assigner gives its event time, so the two cannot disagree.
 */
public final class LateEventsToInsights extends RichMapFunction<LoginEvent, Insight> {
    private final WindowAssigner<Object, TimeWindow> windows;
    private transient Counter lateEvents;

    /** @param windows the assigner of the windows the events missed; one window per event time */
    public LateEventsToInsights(WindowAssigner<Object, TimeWindow> windows) {
        this.windows = windows;
    }

    @Override
    public void open(OpenContext context) {
        lateEvents = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    @Override
    public Insight map(LoginEvent event) {
        lateEvents.inc();
        Collection<TimeWindow> missed = windows.assignWindows(event, event.eventTimeMillis(), WallClock.CONTEXT);
        TimeWindow window = missed.iterator().next();
        return Insight.of(new LateEvent(event, window.getStart(), window.getEnd()));
    }

    /** What a window operator tells its assigner; the job's aligned windows ask for the time but never use it. */
    private static final class WallClock extends WindowAssigner.WindowAssignerContext {
        static final WallClock CONTEXT = new WallClock();

        @Override
        public long getCurrentProcessingTime() {
            return System.currentTimeMillis();
        }
    }
}
