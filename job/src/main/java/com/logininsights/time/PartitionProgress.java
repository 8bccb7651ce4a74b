package com.logininsights.time;

import java.io.Serializable;
import java.time.Duration;

/**
 * What the source reader knows about one Kafka partition, and whether that partition may stop holding event time
 * back.
 *
 * <p>A partition holds the source's event time back at its own watermark until the broker vouches for its silence:
 * the source has read it to the end the broker reports, the broker has answered without a gap for at least the
 * idleness timeout, and no accepted event has come for that long. Only then is the partition {@linkplain
 * Standing#SET_ASIDE set aside} (idle), or, with {@code advanceAfterQuiet}, does its event time {@linkplain
 * Standing#FOLLOWS_CLOCK follow the clock}.
 *
 * <p>Silence alone proves nothing: a partition that delivers nothing may be waiting for its turn while the consumer
 * catches up on the others, or its broker may be away. Set aside on a timer, such a partition lets event time move on
 * past its unread records, and they arrive late: a failure would change the results, not only delay them. So a
 * partition with unread records, a partition the broker has not answered for, and a partition the broker has only
 * just come back for all keep holding event time back: windows close later, and nothing turns late.
 *
 * <p>Time is a monotonic clock in nanoseconds; this class keeps no clock of its own so that tests can drive it.
 */
public final class PartitionProgress {
    /** Where the partition stands with respect to the source's event time. */
    public enum Standing {
        /** Its watermark holds the source's event time back. */
        COUNTS,
        /** Read to its end and quiet: ignored, so that the other partitions' event time moves on. */
        SET_ASIDE,
        /** Read to its end and quiet for longer: its watermark moves on with the clock ({@code --advance-after-quiet}). */
        FOLLOWS_CLOCK
    }

    /**
     * When a partition may stop holding event time back; see the class comment.
     *
     * @param advanceAfterQuiet null when event time never follows the clock
     * @param maxBrokerSilence the longest the broker may go without answering before what it said no longer counts
     */
    public record Rules(
            Duration outOfOrderness, Duration idleness, Duration advanceAfterQuiet, Duration maxBrokerSilence)
            implements Serializable {
        long idleNanos() {
            return idleness.toNanos();
        }

        boolean followsClockAfter(long quietNanos) {
            return advanceAfterQuiet != null && quietNanos >= advanceAfterQuiet.toNanos();
        }
    }

    /** The offset of a partition whose position is not known yet. */
    public static final long UNKNOWN = -1;

    private static final long NEVER = Long.MIN_VALUE;

    private final Rules rules;
    private long position;
    private long maxAcceptedMillis = Long.MIN_VALUE;
    private long lastAcceptedNanos;
    private boolean acceptedSinceLastLook;
    private long endOffset = UNKNOWN;
    private long lastAnswerNanos = NEVER;
    private long answeringSinceNanos = NEVER;

    /**
     * @param position the offset the source reads next, or {@link #UNKNOWN} (a split that starts at the earliest or
     *     the committed offset, until the broker says which that is)
     * @param nowNanos when the partition was assigned: it counts as quiet from then
     */
    public PartitionProgress(Rules rules, long position, long nowNanos) {
        this.rules = rules;
        this.position = position;
        this.lastAcceptedNanos = nowNanos;
    }

    /** A record the source read from this partition, accepted (with its event time) or not. */
    public void onRecord(long offset, boolean accepted, long eventTimeMillis) {
        position = offset + 1;
        if (accepted) {
            maxAcceptedMillis = Math.max(maxAcceptedMillis, eventTimeMillis);
            acceptedSinceLastLook = true;
        }
    }

    /** Where the source starts, as the broker resolved it; ignored once the source has read a record. */
    public void onStartResolved(long offset) {
        if (position == UNKNOWN) {
            position = offset;
        }
    }

    /**
     * The broker's answer: nothing readable at or after {@code endOffset} as of {@code askedAtNanos}, the moment the
     * question was sent (what the broker appends after it is not covered).
     */
    public void onBrokerAnswer(long endOffset, long askedAtNanos) {
        if (lastAnswerNanos == NEVER
                || askedAtNanos - lastAnswerNanos > rules.maxBrokerSilence().toNanos()) {
            answeringSinceNanos = askedAtNanos;
        }
        this.endOffset = endOffset;
        this.lastAnswerNanos = askedAtNanos;
    }

    /** The offset the source reads next, or {@link #UNKNOWN}. */
    public long position() {
        return position;
    }

    /** Whether the source has read everything the broker last reported, and that report is recent. */
    public boolean readToEnd(long nowNanos) {
        return position != UNKNOWN
                && endOffset != UNKNOWN
                && position >= endOffset
                && nowNanos - lastAnswerNanos <= rules.maxBrokerSilence().toNanos();
    }

    /** Whether the broker has vouched for this partition without a gap for the idleness timeout, up to now. */
    private boolean vouchedFor(long nowNanos) {
        return readToEnd(nowNanos) && nowNanos - answeringSinceNanos >= rules.idleNanos();
    }

    /** How this partition stands now. Call it regularly: it also notes when the last accepted event came. */
    public Standing standing(long nowNanos) {
        if (acceptedSinceLastLook) {
            acceptedSinceLastLook = false;
            lastAcceptedNanos = nowNanos;
        }
        if (!vouchedFor(nowNanos)) {
            return Standing.COUNTS;
        }
        long quietNanos = nowNanos - lastAcceptedNanos;
        if (maxAcceptedMillis != Long.MIN_VALUE && rules.followsClockAfter(quietNanos)) {
            return Standing.FOLLOWS_CLOCK;
        }
        return quietNanos >= rules.idleNanos() ? Standing.SET_ASIDE : Standing.COUNTS;
    }

    /**
     * The watermark of a partition that {@linkplain Standing#FOLLOWS_CLOCK follows the clock}: its latest accepted
     * event time moved on by how long it has been quiet, as if events had kept coming.
     */
    public long clockWatermark(long nowNanos) {
        long quietMillis = (nowNanos - lastAcceptedNanos) / 1_000_000;
        return maxAcceptedMillis + quietMillis - rules.outOfOrderness().toMillis() - 1;
    }
}
