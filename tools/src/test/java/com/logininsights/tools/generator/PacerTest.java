package com.logininsights.tools.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the pacer on a fake clock: the schedule is checked, never the time a test takes. */
class PacerTest {
    private static final long MILLI = 1_000_000;

    /** A clock that moves only when the pacer sleeps, or when the test says so. */
    private static final class FakeClock implements Pacer.Sleeper {
        long now = 5_000 * MILLI;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public void sleepNanos(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    @Test
    void recordsFallDueAtTheRateAndThePacerSleepsUntilThen() {
        FakeClock clock = new FakeClock();
        Pacer pacer = Pacer.start(10, () -> clock.now, clock);

        List<Long> scheduled = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            scheduled.add(pacer.awaitNext(() -> false));
        }

        assertThat(scheduled).containsExactly(0L, 100 * MILLI, 200 * MILLI, 300 * MILLI, 400 * MILLI);
        assertThat(clock.sleeps).containsExactly(100 * MILLI, 100 * MILLI, 100 * MILLI, 100 * MILLI);
    }

    @Test
    void afterAStallTheRecordsThatFellDueGoAtOnceSoTheAverageHolds() {
        FakeClock clock = new FakeClock();
        Pacer pacer = Pacer.start(10, () -> clock.now, clock);
        pacer.awaitNext(() -> false);
        clock.now += 1_000 * MILLI; // a send blocked for a second

        List<Long> scheduled = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            scheduled.add(pacer.awaitNext(() -> false));
        }

        assertThat(clock.sleeps).isEmpty();
        assertThat(scheduled.get(9)).isEqualTo(1_000 * MILLI);
    }

    @Test
    void afterALongStallOnlyTheLastSecondsBacklogGoesAtOnceAndTheScheduleMovesOn() {
        FakeClock clock = new FakeClock();
        Pacer pacer = Pacer.start(10, () -> clock.now, clock);
        pacer.awaitNext(() -> false);
        clock.now += 60_000 * MILLI; // the broker was away for a minute

        List<Long> scheduled = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            scheduled.add(pacer.awaitNext(() -> false));
        }

        assertThat(scheduled.get(0)).isEqualTo(59_000 * MILLI);
        assertThat(scheduled.get(10)).isEqualTo(60_000 * MILLI);
        assertThat(scheduled.get(11)).isEqualTo(60_100 * MILLI);
        assertThat(clock.sleeps).containsExactly(100 * MILLI);
    }

    @Test
    void aStopRequestEndsTheWait() {
        FakeClock clock = new FakeClock();
        Pacer pacer = Pacer.start(0.001, () -> clock.now, nanos -> {});
        pacer.awaitNext(() -> false);

        assertThat(pacer.awaitNext(() -> true)).isEqualTo(-1);
    }

    @Test
    void unpacedRecordsAreDueAtOnceAndCarryTheirActualTime() {
        FakeClock clock = new FakeClock();
        Pacer pacer = Pacer.start(0, () -> clock.now, clock);
        pacer.awaitNext(() -> false);
        clock.now += 7 * MILLI;

        assertThat(pacer.awaitNext(() -> false)).isEqualTo(7 * MILLI);
        assertThat(clock.sleeps).isEmpty();
        assertThat(pacer.awaitNext(() -> true)).isEqualTo(-1);
    }
}
