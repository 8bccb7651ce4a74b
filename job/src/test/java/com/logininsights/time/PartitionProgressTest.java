package com.logininsights.time;

import static com.logininsights.time.PartitionProgress.Standing.COUNTS;
import static com.logininsights.time.PartitionProgress.Standing.FOLLOWS_CLOCK;
import static com.logininsights.time.PartitionProgress.Standing.SET_ASIDE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * When a partition may stop holding event time back: only when the broker vouches that the source has read it to
 * its end, without a gap for the idleness timeout, and no valid event has come for that long. Times are seconds
 * from the moment the partition was assigned; the broker is asked once a second unless a test says otherwise.
 */
class PartitionProgressTest {
    private static final Duration IDLENESS = Duration.ofSeconds(10);
    private static final Duration BROKER_SILENCE = Duration.ofSeconds(3);
    private static final PartitionProgress.Rules RULES =
            new PartitionProgress.Rules(Duration.ofSeconds(5), IDLENESS, null, BROKER_SILENCE);
    private static final PartitionProgress.Rules FOLLOWING_THE_CLOCK_AFTER_30S =
            new PartitionProgress.Rules(Duration.ofSeconds(5), IDLENESS, Duration.ofSeconds(30), BROKER_SILENCE);

    private static long at(double seconds) {
        return 1_000_000_000_000L + (long) (seconds * 1e9);
    }

    /** The broker answers {@code end} at every whole second from {@code from} to {@code to}, both included. */
    private static void brokerSays(PartitionProgress partition, long end, int from, int to) {
        for (int second = from; second <= to; second++) {
            partition.onBrokerAnswer(end, at(second));
        }
    }

    @Test
    void aPartitionTheBrokerHasNotAnsweredForHoldsEventTimeBackHoweverQuiet() {
        PartitionProgress partition = new PartitionProgress(RULES, 100, at(0));

        assertThat(partition.standing(at(3600))).isEqualTo(COUNTS);
    }

    @Test
    void readToItsEndAndQuietForTheIdlenessItIsSetAsideNotBefore() {
        PartitionProgress partition = new PartitionProgress(RULES, 100, at(0));
        brokerSays(partition, 100, 0, 9);
        assertThat(partition.standing(at(9.999))).isEqualTo(COUNTS);

        brokerSays(partition, 100, 10, 10);
        assertThat(partition.standing(at(10))).isEqualTo(SET_ASIDE);
    }

    /** After a restore: the split starts at offset 100, the broker holds 5,000, the consumer has not got to it yet. */
    @Test
    void aPartitionWithRecordsNotReadYetHoldsEventTimeBackHoweverLongItDeliversNothing() {
        PartitionProgress partition = new PartitionProgress(RULES, 100, at(0));
        brokerSays(partition, 5_000, 0, 60);
        assertThat(partition.standing(at(60))).isEqualTo(COUNTS);

        for (long offset = 100; offset < 5_000; offset++) {
            partition.onRecord(offset, false, 0);
        }
        brokerSays(partition, 5_000, 61, 61);
        assertThat(partition.readToEnd(at(61))).isTrue();
        assertThat(partition.standing(at(61))).isEqualTo(SET_ASIDE);
    }

    @Test
    void theBrokerGoneQuietLongerThanItsSilenceMakesThePartitionCountUntilItHasVouchedForTheIdlenessAgain() {
        PartitionProgress partition = new PartitionProgress(RULES, 100, at(0));
        brokerSays(partition, 100, 0, 10);
        assertThat(partition.standing(at(10))).isEqualTo(SET_ASIDE);

        // The broker goes away after answering at 10 s.
        assertThat(partition.standing(at(13))).isEqualTo(SET_ASIDE);
        assertThat(partition.standing(at(13.001))).isEqualTo(COUNTS);

        // Back at 20 s, with nothing new: producers may still be flushing what they held back, so it waits.
        brokerSays(partition, 100, 20, 29);
        assertThat(partition.standing(at(29.999))).isEqualTo(COUNTS);
        brokerSays(partition, 100, 30, 30);
        assertThat(partition.standing(at(30))).isEqualTo(SET_ASIDE);
    }

    @Test
    void aGapInTheAnswersLongerThanTheBrokersSilenceStartsTheCountAgain() {
        PartitionProgress partition = new PartitionProgress(RULES, 100, at(0));
        brokerSays(partition, 100, 0, 8);
        partition.onBrokerAnswer(100, at(12)); // 4 s after the previous answer
        brokerSays(partition, 100, 13, 21);

        assertThat(partition.standing(at(21))).isEqualTo(COUNTS);
        brokerSays(partition, 100, 22, 22);
        assertThat(partition.standing(at(22))).isEqualTo(SET_ASIDE);
    }

    @Test
    void recordsAppendedToASetAsidePartitionMakeItCountAtTheNextAnswer() {
        PartitionProgress partition = new PartitionProgress(RULES, 100, at(0));
        brokerSays(partition, 100, 0, 10);
        assertThat(partition.standing(at(10))).isEqualTo(SET_ASIDE);

        partition.onBrokerAnswer(150, at(11));
        assertThat(partition.standing(at(11))).isEqualTo(COUNTS);
    }

    @Test
    void aValidEventMakesItCountAndItIsSetAsideAgainAfterTheIdlenessFromWhenItWasNoticed() {
        PartitionProgress partition = new PartitionProgress(RULES, 100, at(0));
        brokerSays(partition, 100, 0, 10);
        assertThat(partition.standing(at(10))).isEqualTo(SET_ASIDE);

        partition.onRecord(100, true, 20_000);
        brokerSays(partition, 101, 11, 20);
        assertThat(partition.standing(at(11))).isEqualTo(COUNTS);
        assertThat(partition.standing(at(20.999))).isEqualTo(COUNTS);
        brokerSays(partition, 101, 21, 21);
        assertThat(partition.standing(at(21))).isEqualTo(SET_ASIDE);
    }

    /** A producer that writes nothing but garbage into one partition cannot hold every window open. */
    @Test
    void rejectedRecordsDoNotKeepAPartitionCounting() {
        PartitionProgress partition = new PartitionProgress(RULES, 100, at(0));
        for (int second = 0; second <= 10; second++) {
            partition.onRecord(100 + second, false, 0);
            partition.onBrokerAnswer(101 + second, at(second));
        }

        assertThat(partition.standing(at(10))).isEqualTo(SET_ASIDE);
    }

    @Test
    void aSplitThatStartsAtTheEarliestOffsetCountsUntilTheBrokerSaysWhereThatIs() {
        PartitionProgress partition = new PartitionProgress(RULES, PartitionProgress.UNKNOWN, at(0));
        brokerSays(partition, 0, 0, 10);
        assertThat(partition.standing(at(10))).isEqualTo(COUNTS);

        partition.onStartResolved(0);
        assertThat(partition.standing(at(10))).isEqualTo(SET_ASIDE);
    }

    @Test
    void aResolvedStartNeverOverridesWhatTheSourceHasRead() {
        PartitionProgress partition = new PartitionProgress(RULES, PartitionProgress.UNKNOWN, at(0));
        partition.onRecord(41, false, 0);
        partition.onStartResolved(0);

        assertThat(partition.position()).isEqualTo(42);
    }

    @Test
    void withAdvanceAfterQuietItsEventTimeFollowsTheClockOnceReadToItsEndAndQuietThatLong() {
        PartitionProgress partition = new PartitionProgress(FOLLOWING_THE_CLOCK_AFTER_30S, 100, at(0));
        partition.onRecord(100, true, 20_000);
        brokerSays(partition, 101, 0, 29);
        assertThat(partition.standing(at(0))).isEqualTo(COUNTS);
        assertThat(partition.standing(at(29.999))).isEqualTo(SET_ASIDE);

        brokerSays(partition, 101, 30, 31);
        assertThat(partition.standing(at(30))).isEqualTo(FOLLOWS_CLOCK);
        // 20 s of event time, 30 s of quiet, less the 5 s out-of-orderness and 1 ms
        assertThat(partition.clockWatermark(at(30))).isEqualTo(44_999);
        assertThat(partition.clockWatermark(at(31))).isEqualTo(45_999);
    }

    @Test
    void withoutAnyValidEventEventTimeHasNothingToFollowTheClockFrom() {
        PartitionProgress partition = new PartitionProgress(FOLLOWING_THE_CLOCK_AFTER_30S, 100, at(0));
        brokerSays(partition, 100, 0, 60);

        assertThat(partition.standing(at(60))).isEqualTo(SET_ASIDE);
    }

    @Test
    void followingTheClockStopsWhenTheBrokerGoesQuiet() {
        PartitionProgress partition = new PartitionProgress(FOLLOWING_THE_CLOCK_AFTER_30S, 100, at(0));
        partition.onRecord(100, true, 20_000);
        partition.standing(at(0));
        brokerSays(partition, 101, 0, 40);
        assertThat(partition.standing(at(40))).isEqualTo(FOLLOWS_CLOCK);

        assertThat(partition.standing(at(43.001))).isEqualTo(COUNTS);
    }
}
