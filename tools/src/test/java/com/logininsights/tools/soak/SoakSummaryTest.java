package com.logininsights.tools.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

        String verdict = SoakSummary.verdict(samples);

        assertThat(verdict)
                .contains("flat within ±10%")
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

        String table = SoakSummary.table(samples);
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
}
