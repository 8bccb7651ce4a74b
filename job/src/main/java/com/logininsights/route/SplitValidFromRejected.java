package com.logininsights.route;

import com.logininsights.model.DeadLetter;
import com.logininsights.model.LoginEvent;
import com.logininsights.model.ParseResult;
import com.logininsights.model.RejectReason;
import java.util.EnumMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends accepted events on and rejected records to the {@link #DEAD_LETTERS} side output, counting both.
 *
 * <p>Metrics, under this operator in the web UI: {@code validRecords}, {@code deadLetters}, {@code deadLetters}
 * per {@code reason}, and {@code eventTimeLagMs}: how far the watermark trails the wall clock.
 */
public final class SplitValidFromRejected extends ProcessFunction<ParseResult, LoginEvent> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private transient Counter validRecords;
    private transient Counter deadLetters;
    private transient EnumMap<RejectReason, Counter> deadLettersByReason;
    private transient volatile long lastWatermark;

    @Override
    public void open(OpenContext context) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        validRecords = metrics.counter("validRecords");
        deadLetters = metrics.counter("deadLetters");
        deadLettersByReason = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            deadLettersByReason.put(
                    reason, metrics.addGroup("reason", reason.code()).counter("deadLetters"));
        }
        lastWatermark = Long.MIN_VALUE;
        metrics.gauge("eventTimeLagMs", this::eventTimeLagMillis);
    }

    @Override
    public void processElement(ParseResult result, Context context, Collector<LoginEvent> out) {
        long watermark = context.timerService().currentWatermark();
        // The gauge reads from another thread, so the field is volatile; the watermark moves far less often than
        // records arrive, and a volatile write per record would fence the CPU for nothing.
        if (watermark != lastWatermark) {
            lastWatermark = watermark;
        }
        if (result.isAccepted()) {
            validRecords.inc();
            out.collect(result.event());
        } else {
            DeadLetter letter = result.deadLetter();
            deadLetters.inc();
            deadLettersByReason.get(letter.reason()).inc();
            context.output(DEAD_LETTERS, letter);
        }
    }

    /** -1 until the first watermark arrives. */
    private long eventTimeLagMillis() {
        long watermark = lastWatermark;
        return watermark == Long.MIN_VALUE ? -1 : Math.max(0, System.currentTimeMillis() - watermark);
    }
}
