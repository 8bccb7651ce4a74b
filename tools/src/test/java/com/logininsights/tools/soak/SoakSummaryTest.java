package com.logininsights.tools.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SoakSummaryTest {

    @Test
    void theVerdictNamesWhatIsFlatAndWhatIsNotFromTheSamples() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i <= 180; i++) {
            samples.add(new Sample(
                    Duration.ofSeconds(10L * i),
                    Map.of(
                            Series.HEAP_AFTER_GC, 60.0 + (i % 6),
                            Series.CHECKPOINT_SIZE, 200.0 + i,
                            Series.RSS, 500.0)));
        }

        String verdict =
                SoakSummary.verdict(samples, SoakSummary.Judged.of(samples, OptionalInt.empty(), Duration.ZERO));

        assertThat(verdict)
                .contains("over the run less its first tenth (warm-up); flat within ±10%")
                .contains("- heap after GC: flat (median ")
                .contains("- checkpoint size: growing (median ")
                .contains("- live heap after a full GC: too few samples to tell")
                .contains("Flat: heap after GC, job process RSS. Not flat: checkpoint size growing.");
    }

    @Test
    void theTableHasARowPerMeasurementAndTheTotalsAddUp() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            samples.add(new Sample(
                    Duration.ofSeconds(10L * i),
                    Map.of(
                            Series.GC_PAUSE, 10.0,
                            Series.GC_COUNT, 2.0,
                            Series.RECORDS_IN, 50_000.0 * i,
                            Series.CHECKPOINT_ID, (double) i,
                            Series.RESTARTS, 0.0)));
        }

        String table = SoakSummary.table(samples, SoakSummary.Judged.of(samples, OptionalInt.empty(), Duration.ZERO));
        String totals = SoakSummary.totals(samples);

        assertThat(table.lines().filter(line -> line.startsWith("| ")).count())
                .as("a heading, its rule and a row per measurement")
                .isEqualTo(2
                        + java.util.Arrays.stream(Series.values())
                                .filter(Series::measure)
                                .count());
        assertThat(table).contains("| GC pauses per sample (ms) | 6 | 10 | 10 | 10 |");
        assertThat(table).contains("| heap after GC (MB) | 0 | - |");
        assertThat(totals)
                .startsWith("Over 1:00 (6 samples): 300,000 records in;")
                .contains("The job's own collections: 12, pausing it 60 ms in all (0.10% of the time).")
                .contains("the latest completed is number 6")
                .contains("Restarts: 0.");
    }

    /** 30 minutes sampled every 10 s at 5,000 records/s; heap and checkpoint size grow until the sample given. */
    private static List<Sample> stateGrowingUntil(int allSeenSample) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i <= 180; i++) {
            double grown = Math.min(i, allSeenSample);
            samples.add(new Sample(
                    Duration.ofSeconds(10L * i),
                    Map.of(
                            Series.RECORDS_IN,
                            50_000.0 * i,
                            Series.HEAP_AFTER_GC,
                            100.0 + 10 * grown + (i % 6),
                            Series.CHECKPOINT_SIZE,
                            1000.0 * grown,
                            Series.CHECKPOINT_UPLOAD,
                            1000.0 * grown / 4,
                            Series.CHECKPOINT_DURATION,
                            300.0,
                            Series.CHECKPOINT_ID,
                            (double) i,
                            Series.LAG,
                            12.0,
                            Series.RSS,
                            500.0)));
        }
        return samples;
    }

    @Test
    void withUsersTheVerdictJudgesTheSamplesAfterAllUsersWereSeen() {
        // Records in reach 6,000,000 at sample 120 (20:00), after the warm-up tenth (3:00); state grows until then.
        List<Sample> samples = stateGrowingUntil(120);

        SoakSummary.Judged withUsers = SoakSummary.Judged.of(samples, OptionalInt.of(6_000_000), Duration.ZERO);
        SoakSummary.Judged without = SoakSummary.Judged.of(samples, OptionalInt.empty(), Duration.ZERO);

        assertThat(SoakSummary.allUsersSeenAt(samples, 6_000_000)).contains(Duration.ofMinutes(20));
        assertThat(withUsers.from()).isEqualTo(Duration.ofMinutes(20));
        assertThat(without.from()).isEqualTo(Duration.ofMinutes(3));
        assertThat(SoakSummary.verdict(samples, withUsers))
                .contains("over the samples from 20:00, when all 6,000,000 users had been seen, to the end;")
                .contains("Flat: heap after GC, checkpoint size, job process RSS.");
        assertThat(SoakSummary.verdict(samples, without))
                .contains("Not flat: heap after GC growing, checkpoint size growing.");
        assertThat(SoakSummary.table(samples, withUsers))
                .as("the table's halves are the verdict's")
                .contains(
                        "| checkpoint size (KB) | 180 | 1,000.0 | 90,500.0 | 120,000.0 | 120,000.0 | 120,000.0 | +0.0% |");
    }

    @Test
    void steadyAfterStartsTheVerdictLaterThanTheUsersAloneWouldButNeverEarlier() {
        // State grows until 20:00 although every user was seen at 0:20 (say, addresses kept for a span of time).
        List<Sample> samples = stateGrowingUntil(120);

        SoakSummary.Judged usersOnly = SoakSummary.Judged.of(samples, OptionalInt.of(100_000), Duration.ZERO);
        SoakSummary.Judged steady = SoakSummary.Judged.of(samples, OptionalInt.of(100_000), Duration.ofMinutes(20));
        SoakSummary.Judged tooEarly = SoakSummary.Judged.of(samples, OptionalInt.of(100_000), Duration.ofMinutes(1));

        assertThat(SoakSummary.verdict(samples, usersOnly)).contains("Not flat: heap after GC growing");
        assertThat(steady.from()).isEqualTo(Duration.ofMinutes(20));
        assertThat(steady.why()).startsWith("the samples from 20:00 (`--steady-after`) to the end; the run less");
        assertThat(SoakSummary.verdict(samples, steady))
                .contains("Flat: heap after GC, checkpoint size, job process RSS.");
        assertThat(tooEarly).isEqualTo(usersOnly);
    }

    @Test
    void usersSeenWithinTheWarmUpOrNeverLeaveTheRunLessItsFirstTenth() {
        List<Sample> samples = stateGrowingUntil(180);

        SoakSummary.Judged early = SoakSummary.Judged.of(samples, OptionalInt.of(100_000), Duration.ZERO);
        SoakSummary.Judged never = SoakSummary.Judged.of(samples, OptionalInt.of(10_000_000), Duration.ZERO);

        assertThat(early.from()).isEqualTo(Duration.ofMinutes(3));
        assertThat(early.why())
                .isEqualTo("the run less its first tenth (warm-up); all 100,000 users had been seen at" + " 0:20");
        assertThat(never.from()).isEqualTo(Duration.ofMinutes(3));
        assertThat(never.why()).contains("all 10,000,000 users were never seen, so state still grew with new users");
    }

    @Test
    void theUsersLineGivesTheLatestCheckpointsBytesPerUserAndWhatItUploadedItself() {
        List<Sample> samples = stateGrowingUntil(120);

        String line = SoakSummary.users(samples, 6_000_000);

        assertThat(line)
                .startsWith("Users: 6,000,000 (`--users`), each once per round of as many records;")
                .contains("All users seen at 20:00, the first sample with as many records in.")
                .contains("The latest completed checkpoint, number 180: 120,000.0 KB of state in 300 ms, of which it"
                        + " uploaded 30,000.0 KB itself (incremental;")
                .contains("Checkpoint bytes per user: 20 (its whole state over the users).");
        assertThat(SoakSummary.users(samples, 10_000_000))
                .contains("Not all seen: 9,000,000 records in by the end.")
                .contains("No checkpoint completed after all users were seen: no bytes per user.");
    }

    @Test
    void aCheckpointFromBeforeAllUsersWereSeenGivesNoBytesPerUser() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            samples.add(new Sample(
                    Duration.ofSeconds(10L * i),
                    Map.of(
                            Series.RECORDS_IN, 1000.0 * i,
                            Series.CHECKPOINT_SIZE, 50.0,
                            Series.CHECKPOINT_UPLOAD, 50.0,
                            Series.CHECKPOINT_ID, 3.0)));
        }

        String line = SoakSummary.users(samples, 6000);

        assertThat(line)
                .contains("All users seen at 1:00")
                .contains("number 3: 50.0 KB of state in - ms.")
                .doesNotContain("uploaded")
                .contains("No checkpoint completed after all users were seen: no bytes per user.");
    }
}
