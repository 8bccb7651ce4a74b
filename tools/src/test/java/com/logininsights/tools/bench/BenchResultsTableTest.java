package com.logininsights.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.tools.bench.AppendTimeScan.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchResultsTableTest {

    @Test
    void tableShowsMediansRangesAndTheRatiosToTheCeilingAndTheHandLoop() throws Exception {
        ContenderSummary ceiling = new ContenderSummary(
                Contender.CEILING_TRANSACTIONS,
                List.of(
                        run(Contender.CEILING_TRANSACTIONS, 1, 1_000_000, 4_000),
                        run(Contender.CEILING_TRANSACTIONS, 2, 1_000_000, 5_000),
                        run(Contender.CEILING_TRANSACTIONS, 3, 1_000_000, 2_000)));
        Contender job = Contender.loginInsights(true, 1);
        RunMeasurement failed = new RunMeasurement(
                job,
                2,
                1_000_000,
                new AppendTimeScan.Span(0, 0, 0, 0),
                0,
                9_000,
                new ProcessSampler.Usage(1, 1024),
                Path.of("x.log"),
                Optional.of("exit code 1"));
        ContenderSummary jobSummary = new ContenderSummary(job, List.of(run(job, 1, 1_000_000, 20_000), failed));
        ContenderSummary handLoop =
                new ContenderSummary(Contender.HAND_LOOP, List.of(run(Contender.HAND_LOOP, 1, 1_000_000, 10_000)));
        LatencyJoin.Result latency = new LatencyJoin.Result(
                150_000,
                0,
                145_000,
                new LatencyJoin.Percentiles(40, 300, 900),
                new LatencyJoin.Percentiles(1_200, 2_100, 2_400));
        Report report = new Report(
                LocalDateTime.of(2026, 11, 23, 10, 0),
                "scripts/bench",
                new Machine(2, 23.5, "OpenJDK 17", "Linux", "0.10 0.20 0.30"),
                "1.00 0.50 0.40",
                BenchFlags.parse(),
                new Preloader.Loaded(1_000_000, 30_000, 400_000_000, Duration.ofSeconds(12)),
                List.of(ceiling, handLoop, jobSummary),
                List.of(new LatencyRun.Outcome(LatencyScenario.exactlyOnce(Duration.ofSeconds(1)), latency)),
                List.of());

        String md = ResultsTable.markdown(report);

        assertThat(md).contains("# login-insights benchmark, 2026-11-23 10:00");
        assertThat(md)
                .contains("| ceiling: kafka-clients copy, transactions | 250,000 [200,000-500,000] "
                        + "| 312,500 [250,000-625,000] | 1.00 / 1.00 | 2.50 / 2.50 |");
        assertThat(md).contains("| login-insights exactly-once p1 | 50,000 | 62,500 | 0.20 / 0.20 | 0.50 / 0.50 |");
        assertThat(md).contains("| exactly-once | 1s | 150,000 | 0 | 40 / 300 / 900 | 1,200 / 2,100 / 2,400 |");
        assertThat(md).contains("FAILED: exit code 1");
        assertThat(md).contains("30,000 malformed (3.0%)");
        assertThat(report.allCounted()).isFalse();
    }

    /** A run whose output spans the given milliseconds, launched one second before its first output. */
    private static RunMeasurement run(Contender contender, int run, long records, long spanMillis) {
        long first = 100_000;
        // Half the records in the first 60% of the span, half in the last 40%.
        Span span = new Span(records, first, first + spanMillis * 6 / 10, first + spanMillis);
        return new RunMeasurement(
                contender,
                run,
                records,
                span,
                first - 1_000,
                first + spanMillis + 500,
                new ProcessSampler.Usage(6.5, 300 * 1024),
                Path.of("x.log"),
                Optional.empty());
    }
}
