package com.logininsights.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How one source subtask's partitions stand together: they resume together after a quiet spell, and the subtask is
 * idle exactly when all of them are set aside. Times are seconds; the broker answers once a second.
 */
class PartitionStandingsTest {
    private static final PartitionProgress.Rules RULES =
            new PartitionProgress.Rules(Duration.ofSeconds(5), Duration.ofSeconds(10), null, Duration.ofSeconds(3));

    /** What the standings told Flink, in order. */
    private final List<String> told = new ArrayList<>();

    private long nanos = 1_000_000_000_000L;
    private final PartitionStandings standings = new PartitionStandings(
            RULES,
            new PartitionStandings.Outputs() {
                @Override
                public void markIdle(String partition) {
                    told.add(partition + " idle");
                }

                @Override
                public void markActive(String partition) {
                    told.add(partition + " active");
                }

                @Override
                public void emitWatermark(String partition, long watermark) {
                    told.add(partition + " watermark " + watermark);
                }

                @Override
                public void markSubtaskIdle() {
                    told.add("subtask idle");
                }

                @Override
                public void markSubtaskActive() {
                    told.add("subtask active");
                }
            },
            () -> nanos);

    /** Moves the clock on second by second; each second the broker says where each partition ends, then a review. */
    private void seconds(int count, long... ends) {
        List<PartitionStandings.Tracked> partitions = new ArrayList<>();
        standings.partitions().forEach(partitions::add);
        for (int i = 0; i < count; i++) {
            nanos += 1_000_000_000L;
            for (int p = 0; p < partitions.size(); p++) {
                partitions.get(p).progress().onBrokerAnswer(ends[p], nanos);
            }
            standings.review();
        }
    }

    @Test
    void whenAPartitionResumesWithAValidEventEverySetAsidePartitionCountsAgainAtOnce() {
        PartitionStandings.Tracked p0 = standings.add("p0", 10);
        standings.add("p1", 20);
        standings.add("p2", 30);
        seconds(11, 10, 20, 30);
        assertThat(told).containsExactly("p0 idle", "p1 idle", "p2 idle", "subtask idle");
        told.clear();

        p0.onRecord(10, true, 50_000);

        assertThat(told).containsExactly("p0 active", "p1 active", "p2 active", "subtask active");
        told.clear();
        // p1 and p2 stay quiet: they count for the idleness after p0 resumed, then are set aside again.
        seconds(9, 11, 20, 30);
        assertThat(told).isEmpty();
        seconds(1, 11, 20, 30);
        assertThat(told).containsExactly("p1 idle", "p2 idle");
    }

    @Test
    void recordsTheBrokerReportsForASetAsidePartitionMakeItAndTheOthersCountAgain() {
        standings.add("p0", 10);
        standings.add("p1", 20);
        seconds(11, 10, 20);
        told.clear();

        seconds(1, 15, 20);

        assertThat(told).containsExactly("p0 active", "p1 active", "subtask active");
    }

    @Test
    void malformedRecordsOnASetAsidePartitionResumeNothing() {
        PartitionStandings.Tracked p0 = standings.add("p0", 10);
        standings.add("p1", 20);
        seconds(11, 10, 20);
        told.clear();

        p0.onRecord(10, false, 0);
        seconds(1, 11, 20);

        assertThat(told).isEmpty();
    }

    @Test
    void theSubtaskIsIdleOnlyWhenEveryPartitionIsSetAside() {
        PartitionStandings.Tracked p0 = standings.add("p0", 10);
        standings.add("p1", 20);
        seconds(5, 10, 20);
        p0.onRecord(10, true, 50_000);
        seconds(6, 11, 20);
        assertThat(told).containsExactly("p1 idle");
        told.clear();

        // p0's event was noticed at 6 s
        seconds(4, 11, 20);
        assertThat(told).isEmpty();
        seconds(1, 11, 20);
        assertThat(told).containsExactly("p0 idle", "subtask idle");
    }

    @Test
    void aSubtaskThatOwnsNoPartitionIsIdleAfterTheIdleness() {
        for (int second = 1; second <= 10; second++) {
            assertThat(told).as("after %d s", second - 1).isEmpty();
            nanos += 1_000_000_000L;
            standings.review();
        }

        assertThat(told).containsExactly("subtask idle");
    }

    @Test
    void whenTheBrokerFallsSilentEverySetAsidePartitionCountsAgainAndTheSubtaskWithThem() {
        standings.add("p0", 10);
        standings.add("p1", 20);
        seconds(11, 10, 20);
        told.clear();

        for (int second = 1; second <= 4; second++) {
            nanos += 1_000_000_000L;
            standings.review();
        }

        assertThat(told).containsExactly("p0 active", "p1 active", "subtask active");
    }
}
