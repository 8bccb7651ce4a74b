package com.logininsights.tools.generator;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Spaces records out to a target rate on a fixed schedule: record n is due n/rate seconds after the start. The
 * caller sleeps until a record is due, never spins. After a short stall the records that fell due go at once, so
 * the average rate holds; after a long one (the broker was away) only the last second's worth does, and the
 * schedule moves on: a burst of minutes of backlog would hit the broker at many times the asked-for rate, with
 * event times long past. Unpaced, every record is due at once and the producer's batching and back-pressure set
 * the pace.
 */
final class Pacer {
    /** Sleeps for up to the given nanoseconds; may return early (an unpark), which the pacer tolerates. */
    interface Sleeper {
        void sleepNanos(long nanos);
    }

    static final Sleeper PARK = LockSupport::parkNanos;
    static final long MAX_BACKLOG_NANOS = 1_000_000_000L;

    private final double nanosPerRecord;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final long startNanos;
    private long index;

    private Pacer(double recordsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        this.nanosPerRecord = recordsPerSecond == 0 ? 0 : 1e9 / recordsPerSecond;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.startNanos = nanoTime.getAsLong();
    }

    /** @param recordsPerSecond 0 for no pacing */
    static Pacer start(double recordsPerSecond) {
        return new Pacer(recordsPerSecond, System::nanoTime, PARK);
    }

    static Pacer start(double recordsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        return new Pacer(recordsPerSecond, nanoTime, sleeper);
    }

    /**
     * Waits until the next record is due.
     *
     * @return the record's place in the schedule, in nanoseconds since the start (unpaced: the time it was asked
     *     for), or -1 when {@code stopRequested} turned true while waiting
     */
    long awaitNext(BooleanSupplier stopRequested) {
        if (nanosPerRecord == 0) {
            if (stopRequested.getAsBoolean()) {
                return -1;
            }
            index++;
            return nanoTime.getAsLong() - startNanos;
        }
        long backlogStart = nanoTime.getAsLong() - startNanos - MAX_BACKLOG_NANOS;
        if (Math.round(index * nanosPerRecord) < backlogStart) {
            index = (long) Math.ceil(backlogStart / nanosPerRecord);
        }
        long due = Math.round(index * nanosPerRecord);
        while (true) {
            if (stopRequested.getAsBoolean()) {
                return -1;
            }
            long wait = due - (nanoTime.getAsLong() - startNanos);
            if (wait <= 0) {
                index++;
                return due;
            }
            sleeper.sleepNanos(wait);
        }
    }

    long elapsedNanos() {
        return nanoTime.getAsLong() - startNanos;
    }
}
