package com.logininsights.time;

import com.logininsights.model.ParseResult;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Bounded out-of-orderness watermarks that only accepted events move. A rejected record has no trustworthy event
 * time, and an event too far in the future was rejected by the parser, so neither can push the watermark ahead and
 * turn the events after it late.
 */
public final class ValidEventWatermarks implements WatermarkGenerator<ParseResult> {
    private final long outOfOrdernessMillis;
    private long maxEventTimeMillis = Long.MIN_VALUE;

    public ValidEventWatermarks(Duration outOfOrderness) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
    }

    /**
     * Per Kafka partition (the source runs one generator per split), with event time from the event itself and
     * idleness so that a quiet partition does not hold every window open.
     */
    public static WatermarkStrategy<ParseResult> strategy(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<ParseResult>forGenerator(context -> new ValidEventWatermarks(outOfOrderness))
                .withTimestampAssigner((result, kafkaTimestamp) ->
                        result.isAccepted() ? result.event().eventTimeMillis() : kafkaTimestamp)
                .withIdleness(idleness);
    }

    @Override
    public void onEvent(ParseResult result, long timestamp, WatermarkOutput output) {
        if (result.isAccepted()) {
            maxEventTimeMillis = Math.max(maxEventTimeMillis, timestamp);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (maxEventTimeMillis != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(maxEventTimeMillis - outOfOrdernessMillis - 1));
        }
    }
}
