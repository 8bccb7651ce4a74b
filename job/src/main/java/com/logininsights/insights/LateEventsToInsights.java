package com.logininsights.insights;

import com.logininsights.model.LoginEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Events that arrive after their window has closed (and its allowed lateness passed) are still in the enriched
 * stream; here they are also counted, in the {@code lateEvents} metric, and written to the insights topic as
 * {@code late_event} records so a reader of the insights sees what its figures leave out.
 */
public final class LateEventsToInsights extends RichMapFunction<LoginEvent, Insight> {
    private final long windowMillis;
    private transient Counter lateEvents;

    public LateEventsToInsights(Duration window) {
        this.windowMillis = window.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        lateEvents = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    @Override
    public Insight map(LoginEvent event) {
        lateEvents.inc();
        long start = TimeWindow.getWindowStartWithOffset(event.eventTimeMillis(), 0, windowMillis);
        return Insight.of(new LateEvent(event, start, start + windowMillis));
    }
}
