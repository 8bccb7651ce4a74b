package com.logininsights.time;

import com.logininsights.model.ParseResult;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Bounded out-of-orderness watermarks that only accepted events move. A rejected record has no trustworthy event
 * time, and an event too far in the future was rejected by the parser, so neither can push the watermark ahead and
 * turn the events after it late.
 *
 * <p>Each partition's generator also stays silent for a warm-up after it is created. Flink 2.2 counts a partition in
 * the source's combined watermark only once that partition has emitted its first record. Without the warm-up, after
 * a restart with a backlog, the first partition read would drive the watermark alone and the other partitions'
 * backlogs would arrive late. With it, every partition that has data within the warm-up is counted before anyone
 * speaks for event time; the warm-up is the idleness timeout, after which a silent partition is ignored anyway.
 */
public final class ValidEventWatermarks implements WatermarkGenerator<ParseResult> {
    private final long outOfOrdernessMillis;
    private final long warmUpNanos;
    private final LongSupplier nanoClock;
    private final long createdNanos;
    private long maxEventTimeMillis = Long.MIN_VALUE;

    public ValidEventWatermarks(Duration outOfOrderness, Duration warmUp) {
        this(outOfOrderness, warmUp, System::nanoTime);
    }

    ValidEventWatermarks(Duration outOfOrderness, Duration warmUp, LongSupplier nanoClock) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.warmUpNanos = warmUp.toNanos();
        this.nanoClock = nanoClock;
        this.createdNanos = nanoClock.getAsLong();
    }

    /**
     * Per Kafka partition (the source runs one generator per split), with event time from the event itself and
     * idleness so that a quiet partition does not hold every window open.
     */
    public static WatermarkStrategy<ParseResult> strategy(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<ParseResult>forGenerator(context -> new ValidEventWatermarks(outOfOrderness, idleness))
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
        boolean warmedUp = nanoClock.getAsLong() - createdNanos >= warmUpNanos;
        if (warmedUp && maxEventTimeMillis != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(maxEventTimeMillis - outOfOrdernessMillis - 1));
        }
    }
}
