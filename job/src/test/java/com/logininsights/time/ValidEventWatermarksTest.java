package com.logininsights.time;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.model.DeadLetter;
import com.logininsights.model.ParseResult;
import com.logininsights.model.RejectReason;
import com.logininsights.model.SourcePosition;
import com.logininsights.testing.Logins;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

class ValidEventWatermarksTest {
    private static final SourcePosition SOURCE = new SourcePosition("user-login", 0, 0, 0);
    private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    private static final Duration IDLENESS = Duration.ofSeconds(2);

    /** What the generator said, in order: a watermark's millis, or "idle". */
    private static final class Collected implements WatermarkOutput {
        final List<String> said = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            said.add(String.valueOf(watermark.getTimestamp()));
        }

        @Override
        public void markIdle() {
            said.add("idle");
        }

        @Override
        public void markActive() {
            said.add("active");
        }
    }

    /** A clock the test moves by hand. */
    private static final class ManualClock implements RelativeClock {
        long nanos = 1_000_000_000L;

        void advance(Duration duration) {
            nanos += duration.toNanos();
        }

        @Override
        public long relativeTimeNanos() {
            return nanos;
        }

        @Override
        public long relativeTimeMillis() {
            return nanos / 1_000_000;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final Collected out = new Collected();

    private ValidEventWatermarks generator(Optional<Duration> advanceAfterQuiet) {
        return new ValidEventWatermarks(OUT_OF_ORDERNESS, IDLENESS, advanceAfterQuiet, clock);
    }

    /** A generator past its warm-up. */
    private ValidEventWatermarks warmedUp(Optional<Duration> advanceAfterQuiet) {
        ValidEventWatermarks generator = generator(advanceAfterQuiet);
        clock.advance(IDLENESS);
        return generator;
    }

    private static ParseResult event(long millis) {
        return ParseResult.accepted(Logins.event("u", null, null, null, null, null, millis, SOURCE));
    }

    private static ParseResult rejected() {
        return ParseResult.rejected(new DeadLetter(
                RejectReason.TIMESTAMP_IN_FUTURE, "future", "timestamp", new byte[0], 0, null, SOURCE, 0));
    }

    @Test
    void theWatermarkTrailsTheLatestAcceptedEventByTheOutOfOrderness() {
        ValidEventWatermarks generator = warmedUp(Optional.empty());

        generator.onPeriodicEmit(out);
        generator.onEvent(event(20_000), 20_000, out);
        generator.onEvent(event(12_000), 12_000, out);
        generator.onPeriodicEmit(out);

        assertThat(out.said).containsExactly("14999");
    }

    @Test
    void rejectedRecordsNeverMoveTheWatermarkWhateverTheirTimestamp() {
        ValidEventWatermarks generator = warmedUp(Optional.empty());

        generator.onEvent(event(20_000), 20_000, out);
        generator.onEvent(rejected(), 4_102_444_800_000L, out); // stamped 2100
        generator.onPeriodicEmit(out);
        generator.onEvent(event(21_000), 21_000, out);
        generator.onPeriodicEmit(out);

        assertThat(out.said).containsExactly("14999", "15999");
    }

    @Test
    void aNewPartitionStaysSilentForTheWarmUpSoThatItsSiblingsAreCountedFirst() {
        ValidEventWatermarks generator = generator(Optional.empty());

        generator.onEvent(event(20_000), 20_000, out);
        generator.onPeriodicEmit(out);
        clock.advance(IDLENESS.minusMillis(1));
        generator.onEvent(event(20_000), 20_000, out);
        generator.onPeriodicEmit(out);
        clock.advance(Duration.ofMillis(1));
        generator.onPeriodicEmit(out);

        assertThat(out.said).containsExactly("14999");
    }

    @Test
    void aPartitionWhoseEventsAllCameAtTheStartStatesItsWatermarkBeforeFallingIdle() {
        ValidEventWatermarks generator = generator(Optional.empty());
        generator.onEvent(event(20_000), 20_000, out);
        generator.onPeriodicEmit(out);
        clock.advance(IDLENESS.plusMillis(1));
        generator.onPeriodicEmit(out);

        assertThat(out.said).containsExactly("14999", "idle");
    }

    @Test
    void aPartitionWithoutAcceptedEventsForTheIdlenessIsIdleEvenIfGarbageKeepsComing() {
        ValidEventWatermarks generator = warmedUp(Optional.empty());
        generator.onEvent(event(20_000), 20_000, out);
        generator.onPeriodicEmit(out);

        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            generator.onEvent(rejected(), 0, out);
            generator.onPeriodicEmit(out);
        }

        assertThat(out.said).containsExactly("14999", "14999", "14999", "14999", "idle");
    }

    @Test
    void aPartitionThatNeverHadAnAcceptedEventIsIdleAfterTheTimeout() {
        ValidEventWatermarks generator = generator(Optional.empty());
        generator.onEvent(rejected(), 0, out);
        generator.onPeriodicEmit(out);
        clock.advance(IDLENESS.plusMillis(1));
        generator.onPeriodicEmit(out);
        generator.onPeriodicEmit(out);

        assertThat(out.said).containsExactly("idle");
    }

    @Test
    void anIdlePartitionThatSpeaksAgainStaysIdleForTheWarmUpSoThatItsSiblingsCanSpeakToo() {
        ValidEventWatermarks generator = warmedUp(Optional.empty());
        generator.onEvent(event(20_000), 20_000, out);
        clock.advance(IDLENESS.plusMillis(1));
        generator.onPeriodicEmit(out);

        generator.onEvent(event(30_000), 30_000, out);
        generator.onPeriodicEmit(out);
        clock.advance(IDLENESS.minusMillis(1));
        generator.onEvent(event(31_000), 31_000, out);
        generator.onPeriodicEmit(out);
        clock.advance(Duration.ofMillis(1));
        generator.onPeriodicEmit(out);

        assertThat(out.said).containsExactly("14999", "idle", "25999");
    }

    @Test
    void aPartitionThatRejoinsWithABurstAndFallsQuietAgainStatesItsWatermarkBeforeFallingIdle() {
        ValidEventWatermarks generator = warmedUp(Optional.empty());
        generator.onEvent(event(20_000), 20_000, out);
        clock.advance(IDLENESS.plusMillis(1));
        generator.onPeriodicEmit(out);

        generator.onEvent(event(30_000), 30_000, out);
        clock.advance(IDLENESS.plusMillis(1));
        generator.onPeriodicEmit(out);
        generator.onPeriodicEmit(out);

        assertThat(out.said).containsExactly("14999", "idle", "24999", "idle");
    }

    @Test
    void aPartitionThatSpeaksForTheFirstTimeAfterFallingIdleWaitsTheWarmUpToo() {
        ValidEventWatermarks generator = generator(Optional.empty());
        clock.advance(IDLENESS.plusMillis(1));
        generator.onPeriodicEmit(out);

        generator.onEvent(event(30_000), 30_000, out);
        generator.onPeriodicEmit(out);
        clock.advance(IDLENESS);
        generator.onEvent(event(30_000), 30_000, out);
        generator.onPeriodicEmit(out);

        assertThat(out.said).containsExactly("idle", "24999");
    }

    @Test
    void withoutTheOptionAQuietPartitionNeverMovesEventTimeOn() {
        ValidEventWatermarks generator = warmedUp(Optional.empty());
        generator.onEvent(event(20_000), 20_000, out);
        generator.onPeriodicEmit(out);

        clock.advance(Duration.ofHours(1));
        generator.onPeriodicEmit(out);

        assertThat(out.said).containsExactly("14999", "14999", "idle");
    }

    @Test
    void afterTheQuietPeriodEventTimeFollowsTheClockFromTheLatestEvent() {
        ValidEventWatermarks generator = warmedUp(Optional.of(Duration.ofSeconds(10)));
        generator.onEvent(event(20_000), 20_000, out);
        generator.onPeriodicEmit(out);

        clock.advance(Duration.ofSeconds(3));
        generator.onPeriodicEmit(out); // idle: quiet for longer than the idleness
        clock.advance(Duration.ofSeconds(7));
        generator.onPeriodicEmit(out); // quiet for 10 s: 20 s + 10 s, less the out-of-orderness
        clock.advance(Duration.ofSeconds(50));
        generator.onPeriodicEmit(out); // and on with the clock: 20 s + 60 s - 5 s

        assertThat(out.said).containsExactly("14999", "14999", "idle", "24999", "74999");
    }

    @Test
    void eventsThatResumeBehindTheClockDoNotTakeTheWatermarkBack() {
        ValidEventWatermarks generator = warmedUp(Optional.of(Duration.ofSeconds(10)));
        generator.onEvent(event(20_000), 20_000, out);
        clock.advance(Duration.ofSeconds(60));
        generator.onPeriodicEmit(out);

        generator.onEvent(event(21_000), 21_000, out);
        generator.onPeriodicEmit(out);
        generator.onEvent(event(90_000), 90_000, out);
        generator.onPeriodicEmit(out);

        assertThat(out.said).containsExactly("74999", "74999", "84999");
    }
}
