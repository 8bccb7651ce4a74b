package com.logininsights.time;

import com.logininsights.model.ParseResult;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.clock.RelativeClock;

/**
 * The event time of one Kafka partition (the source runs one generator per partition): bounded out-of-orderness
 * watermarks that only accepted events move, idleness, and optionally event time that moves on with the wall clock
 * once the partition has been quiet for long enough.
 *
 * <ul>
 *   <li><b>Only accepted events move it.</b> A rejected record has no trustworthy event time, and an event too far
 *       in the future was rejected by the parser, so neither can push the watermark ahead and turn the events after
 *       it late.
 *   <li><b>Only accepted events keep it busy.</b> A partition that has had no accepted event for the idleness
 *       timeout is idle: the other partitions' event time goes on without it. A producer that writes nothing but
 *       garbage into one partition therefore cannot hold every window open.
 *   <li><b>A warm-up.</b> Flink 2.2 counts a partition in the source's combined watermark only once that partition
 *       has emitted its first record. After a restart with a backlog, the first partition read would drive event
 *       time alone and the others' backlogs would arrive late. So a new generator stays silent for the idleness
 *       timeout, after which a silent partition is ignored anyway.
 *   <li><b>The same warm-up after idleness.</b> A partition that was idle and speaks again stays idle for the
 *       idleness timeout before its watermark counts again. When every partition was quiet (a night, a stopped
 *       producer) and traffic resumes, the partition read first would otherwise move event time on alone, and
 *       the others' first events would be late. Windows close that much later after a quiet spell.
 *   <li><b>Event time that follows the clock when quiet</b> (off unless asked for). When a partition has had no
 *       accepted event for {@code advanceAfterQuiet}, its event time moves on from its latest event at the pace of
 *       the wall clock, as if events kept coming, so the windows it holds open close. A live stream whose events
 *       resume after the pause carries times at least that far on; a replay of history would not, and its next
 *       events would be late, which is why this is not the default.
 * </ul>
 *
 * <p>Time here is the source's input activity clock, which stands still while the source is back-pressured, so a
 * partition is never called quiet because the job was too busy to read it.
 */
public final class ValidEventWatermarks implements WatermarkGenerator<ParseResult> {
    private final long outOfOrdernessMillis;
    private final long idleNanos;
    private final long advanceAfterQuietNanos;
    private final RelativeClock clock;
    private final long createdNanos;
    private long maxEventTimeMillis = Long.MIN_VALUE;
    private long lastEventNanos;
    private long emittedMillis = Long.MIN_VALUE;
    private boolean idle;
    /** Idle, but accepted events came again: the watermark counts again at {@link #rejoinAtNanos}. */
    private boolean rejoining;

    private long rejoinAtNanos;

    /**
     * @param idleness how long without an accepted event before the partition is idle; also the warm-up
     * @param advanceAfterQuiet how long without an accepted event before event time follows the clock; empty for
     *     never
     */
    public ValidEventWatermarks(
            Duration outOfOrderness, Duration idleness, Optional<Duration> advanceAfterQuiet, RelativeClock clock) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.idleNanos = idleness.toNanos();
        this.advanceAfterQuietNanos = advanceAfterQuiet.map(Duration::toNanos).orElse(Long.MAX_VALUE);
        this.clock = clock;
        this.createdNanos = clock.relativeTimeNanos();
        this.lastEventNanos = createdNanos;
    }

    /** Per Kafka partition, with the event time taken from each accepted event itself. */
    public static WatermarkStrategy<ParseResult> strategy(
            Duration outOfOrderness, Duration idleness, Optional<Duration> advanceAfterQuiet) {
        Duration advanceAfterQuietOrNull = advanceAfterQuiet.orElse(null); // Optional is not serializable
        return WatermarkStrategy.<ParseResult>forGenerator(context -> new ValidEventWatermarks(
                        outOfOrderness,
                        idleness,
                        Optional.ofNullable(advanceAfterQuietOrNull),
                        context.getInputActivityClock()))
                .withTimestampAssigner((result, kafkaTimestamp) ->
                        result.isAccepted() ? result.event().eventTimeMillis() : kafkaTimestamp);
    }

    @Override
    public void onEvent(ParseResult result, long timestamp, WatermarkOutput output) {
        if (result.isAccepted()) {
            maxEventTimeMillis = Math.max(maxEventTimeMillis, timestamp);
            lastEventNanos = clock.relativeTimeNanos();
            if (idle && !rejoining) {
                rejoining = true;
                rejoinAtNanos = lastEventNanos + idleNanos;
            }
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = clock.relativeTimeNanos();
        long quietNanos = now - lastEventNanos;
        if (maxEventTimeMillis == Long.MIN_VALUE) {
            if (quietNanos > idleNanos) {
                fallIdle(output);
            }
        } else if (quietNanos >= advanceAfterQuietNanos) {
            emit(output, maxEventTimeMillis + quietNanos / 1_000_000 - outOfOrdernessMillis - 1);
        } else if (quietNanos > idleNanos) {
            fallIdle(output);
        } else if (now - createdNanos >= idleNanos && (!rejoining || now >= rejoinAtNanos)) {
            emit(output, maxEventTimeMillis - outOfOrdernessMillis - 1);
        }
    }

    private void emit(WatermarkOutput output, long watermarkMillis) {
        idle = false;
        rejoining = false;
        emittedMillis = Math.max(emittedMillis, watermarkMillis);
        output.emitWatermark(new Watermark(emittedMillis));
    }

    /**
     * The warm-up equals the idleness timeout, so a partition whose events all came at once, as it was created or as
     * it rejoined, is still in its warm-up when it falls quiet: it states its watermark first, or its events would
     * never count.
     */
    private void fallIdle(WatermarkOutput output) {
        if (idle && !rejoining) {
            return;
        }
        if (maxEventTimeMillis != Long.MIN_VALUE) {
            emit(output, maxEventTimeMillis - outOfOrdernessMillis - 1);
        }
        idle = true;
        output.markIdle();
    }
}
