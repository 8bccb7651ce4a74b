package com.logininsights.time;

import com.logininsights.model.ParseResult;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The event time of one Kafka partition (the source runs one generator per partition), from its accepted events:
 * bounded out-of-orderness watermarks.
 *
 * <ul>
 *   <li><b>Only accepted events move it.</b> A rejected record has no trustworthy event time, and an event too far in
 *       the future was rejected by the parser, so neither can push the watermark ahead and turn the events after it
 *       late.
 *   <li><b>It speaks only when its watermark rises.</b> Whether a quiet partition may stop holding event time back
 *       (idleness), or have its event time follow the clock, is not decided here: it takes knowing whether anything
 *       in the partition is still unread, which only the source reader can ask the broker (see {@link
 *       PartitionProgress}). Re-emitting an unchanged watermark on every period would undo the reader's decision to
 *       set the partition aside.
 * </ul>
 */
public final class AcceptedEventWatermarks implements WatermarkGenerator<ParseResult> {
    private final long outOfOrdernessMillis;
    private long maxEventTimeMillis = Long.MIN_VALUE;
    private long emittedMillis = Long.MIN_VALUE;

    public AcceptedEventWatermarks(Duration outOfOrderness) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
    }

    /** Per Kafka partition, with the event time taken from each accepted event itself. */
    public static WatermarkStrategy<ParseResult> strategy(Duration outOfOrderness) {
        return WatermarkStrategy.<ParseResult>forGenerator(context -> new AcceptedEventWatermarks(outOfOrderness))
                .withTimestampAssigner((result, kafkaTimestamp) ->
                        result.isAccepted() ? result.event().eventTimeMillis() : kafkaTimestamp);
    }

    @Override
    public void onEvent(ParseResult result, long timestamp, WatermarkOutput output) {
        if (result.isAccepted()) {
            maxEventTimeMillis = Math.max(maxEventTimeMillis, timestamp);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (maxEventTimeMillis == Long.MIN_VALUE) {
            return;
        }
        long watermark = maxEventTimeMillis - outOfOrdernessMillis - 1;
        if (watermark > emittedMillis) {
            emittedMillis = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
