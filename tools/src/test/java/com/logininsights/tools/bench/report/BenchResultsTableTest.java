package com.logininsights.tools.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.logininsights.tools.bench.BenchFlags;
import com.logininsights.tools.bench.contenders.Contender;
import com.logininsights.tools.bench.contenders.JobVariant;
import com.logininsights.tools.bench.measure.AppendTimeScan;
import com.logininsights.tools.bench.measure.AppendTimeScan.Span;
import com.logininsights.tools.bench.measure.LatencyJoin;
import com.logininsights.tools.bench.measure.LatencyRun;
import com.logininsights.tools.bench.measure.LatencyScenario;
import com.logininsights.tools.bench.measure.Preloader;
import com.logininsights.tools.bench.measure.ProcessSampler;
import com.logininsights.tools.bench.measure.RunMeasurement;
import com.logininsights.tools.bench.measure.WindowFigures;
import com.logininsights.tools.machine.Machine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchResultsTableTest {
    private static final String HEAP = String.join(" ", Contender.JVM_FLAGS);

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
                Optional.empty(),
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
                launch(Optional.empty(), Map.of()),
                Path.of("/checkout"),
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

    @Test
    void theSqlPeersRatesAreOfInputRecordsAndItsWindowLoginsStandBesideOurs() throws Exception {
        Contender job = Contender.loginInsights(true, 1);
        WindowFigures ours = WindowFigures.parse(List.of(
                row("2026-11-29T21:33:00Z", "device_type", "android", 100),
                row("2026-11-29T21:33:00Z", "device_type", "ios", 50),
                row("2026-11-29T21:34:00Z", "device_type", "ios", 70)));
        WindowFigures sql = WindowFigures.parse(List.of(
                row("2026-11-29T21:33:00", "device_type", "android", 101),
                row("2026-11-29T21:33:00", "device_type", "ios", 50),
                row("2026-11-29T21:34:00", "device_type", "ios", 70)));
        // 980,000 records written for 1,000,000 read, in 10 s: 98,000 records/s out, 100,000 in.
        RunMeasurement sqlRun = new RunMeasurement(
                Contender.FLINK_SQL,
                1,
                1_000_000,
                new Span(980_000, 100_000, 106_000, 110_000),
                99_000,
                112_000,
                new ProcessSampler.Usage(20, 300 * 1024),
                Path.of("x.log"),
                Optional.of(sql),
                Optional.empty());
        RunMeasurement jobRun = withFigures(run(job, 1, 1_000_000, 20_000), ours);
        Report report = report(
                List.of(
                        new ContenderSummary(Contender.FLINK_SQL, List.of(sqlRun)),
                        new ContenderSummary(job, List.of(jobRun))),
                launch(Optional.empty(), Map.of()));

        String md = ResultsTable.markdown(report);

        assertThat(sqlRun.sustainedPerSecond()).isCloseTo(100_000.0, within(0.01));
        assertThat(sqlRun.cpuMicrosPerRecord()).isEqualTo(20.0);
        assertThat(md).contains("| Flink SQL peer: json format + window TVF, exactly-once p1 | 100,000 | ");
        assertThat(md)
                .contains("## Window figures: the Flink SQL peer beside login-insights")
                .contains("| 2026-11-29 21:33 | 150 | 151 | +1 |")
                .contains("| 2026-11-29 21:34 | 70 | 70 | +0 |")
                .contains("| all | 220 | 221 | +1 (+0.45%) |");
        assertThat(md)
                .contains("- Flink SQL peer: `login-insights.sql` in `bench-sql/target/login-insights-bench-sql.jar`");
    }

    @Test
    void theHeaderSaysWhichJarsRanWithWhichJvmFlagsAndWhichKafkaSettings(@TempDir Path checkout) throws Exception {
        Path jarA = checkout.resolve("job/target/login-insights-local.jar");
        Files.createDirectories(jarA.getParent());
        Files.write(jarA, new byte[2_000_000]);
        Contender job = Contender.loginInsights(true, 1);
        JobVariant b =
                JobVariant.b(Optional.of(Path.of("/elsewhere/old.jar")), List.of("-XX:TieredStopAtLevel=1"), List.of());
        Contender.Launch launch = new Contender.Launch(
                "127.0.0.1:9",
                "tools.jar",
                JobVariant.a(Optional.of(jarA), List.of()),
                Optional.of(b),
                checkout.resolve("bench-sql/target/login-insights-bench-sql.jar"),
                Map.of("compression.type", "none"),
                Optional.empty());
        Report report = new Report(
                LocalDateTime.of(2026, 11, 29, 10, 0),
                "scripts/bench",
                new Machine(2, 23.5, "OpenJDK 17", "Linux", "0.10 0.20 0.30"),
                "1.00 0.50 0.40",
                BenchFlags.parse(),
                launch,
                checkout,
                new Preloader.Loaded(1_000_000, 30_000, 400_000_000, Duration.ofSeconds(12)),
                List.of(
                        new ContenderSummary(job, List.of(run(job, 1, 1_000_000, 20_000))),
                        new ContenderSummary(job.asVariantB(), List.of(run(job.asVariantB(), 1, 1_000_000, 25_000)))),
                List.of(),
                List.of());

        String md = ResultsTable.markdown(report);

        assertThat(md)
                .containsPattern("- login-insights: `job/target/login-insights-local.jar` \\(2\\.0 MB, built "
                        + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\), JVM flags `" + Pattern.quote(HEAP) + "`")
                .contains("- login-insights (b): `/elsewhere/old.jar` (missing), JVM flags `" + HEAP
                        + " -XX:TieredStopAtLevel=1`; its rows are marked (b)")
                .contains("| login-insights exactly-once p1 | 50,000 |")
                .contains("| login-insights exactly-once p1 (b) | 40,000 |")
                .contains("every contender (login-insights and the SQL peer as --kafka-property, the loops to their"
                        + " consumer and producer): `compression.type=none`")
                .doesNotContain("Flink SQL peer:");
    }

    private static byte[] row(String windowStart, String dimension, String value, long logins) {
        return String.format(
                        "{\"window_start\":\"%s\",\"dimension\":\"%s\",\"value\":\"%s\",\"logins\":%d,"
                                + "\"distinct_users\":%d}",
                        windowStart, dimension, value, logins, logins)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static RunMeasurement withFigures(RunMeasurement run, WindowFigures figures) {
        return new RunMeasurement(
                run.contender(),
                run.run(),
                run.inputRecords(),
                run.output(),
                run.launchMillis(),
                run.exitMillis(),
                run.usage(),
                run.log(),
                Optional.of(figures),
                run.failure());
    }

    private static Report report(List<ContenderSummary> contenders, Contender.Launch launch) throws Exception {
        return new Report(
                LocalDateTime.of(2026, 11, 29, 10, 0),
                "scripts/bench",
                new Machine(2, 23.5, "OpenJDK 17", "Linux", "0.10 0.20 0.30"),
                "1.00 0.50 0.40",
                BenchFlags.parse(),
                launch,
                Path.of("/checkout"),
                new Preloader.Loaded(1_000_000, 30_000, 400_000_000, Duration.ofSeconds(12)),
                contenders,
                List.of(),
                List.of());
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
                Optional.empty(),
                Optional.empty());
    }

    private static Contender.Launch launch(Optional<JobVariant> b, Map<String, String> kafkaProperties) {
        return new Contender.Launch(
                "127.0.0.1:9",
                "tools.jar",
                JobVariant.a(Optional.of(Path.of("/checkout/job/target/login-insights-local.jar")), List.of()),
                b,
                Path.of("/checkout/bench-sql/target/login-insights-bench-sql.jar"),
                kafkaProperties,
                Optional.empty());
    }
}
