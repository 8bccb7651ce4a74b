package com.logininsights.tools.bench.report;

import com.logininsights.common.Durations;
import com.logininsights.tools.bench.contenders.Contender;
import com.logininsights.tools.bench.measure.BenchConfig;
import com.logininsights.tools.bench.measure.LatencyJoin;
import com.logininsights.tools.bench.measure.LatencyRun;
import com.logininsights.tools.bench.measure.Preloader;
import com.logininsights.tools.bench.measure.RunMeasurement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Writes a {@link Report} as Markdown: the summary tables first, then how to read them, then every run. */
public final class ResultsTable {
    private ResultsTable() {}

    public static String markdown(Report report) {
        StringBuilder md = new StringBuilder();
        BenchConfig config = report.config();
        md.append("# login-insights benchmark, ")
                .append(report.started().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append("\n\n");
        md.append("- command: `").append(report.command()).append("`\n");
        md.append("- machine: ").append(report.machine().describe()).append("\n");
        md.append("- load average (1/5/15 min): ")
                .append(report.machine().loadAverage())
                .append(" at start, ")
                .append(report.loadAtEnd())
                .append(" at end; the broker and the benchmark share the machine\n");
        Preloader.Loaded loaded = report.loaded();
        md.append(String.format(
                Locale.ROOT,
                "- data: %,d records from our generator (seed %d), %,d malformed "
                        + "(%.1f%%), %.0f MB, in %d partitions; preloaded in %.1f s%n",
                loaded.records(),
                config.seed(),
                loaded.malformed(),
                100.0 * loaded.malformed() / loaded.records(),
                loaded.bytes() / 1e6,
                config.partitions(),
                loaded.took().toMillis() / 1000.0));
        md.append(String.format(
                Locale.ROOT,
                "- %d run(s) per contender, taken in turns%s; each contender in its " + "own JVM with %s%n",
                config.runs(),
                config.quick() ? "" : ", after one uncounted copy that warms " + "the broker up",
                String.join(" ", Contender.JVM_FLAGS)));
        whatRan(md, report);
        md.append("\n");

        md.append("## Throughput\n\n");
        md.append(
                "| contender | sustained rec/s, median [min-max] | second half rec/s | vs tx ceiling "
                        + "| vs hand loop | start-up s | whole run s | CPU s | CPU µs/record, whole / second half | peak RSS MB |\n");
        md.append("| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: |\n");
        for (ContenderSummary summary : report.contenders()) {
            md.append("| ").append(summary.contender().title()).append(" | ");
            if (!summary.anyCounted()) {
                md.append("FAILED (see below) | | | | | | | | |\n");
                continue;
            }
            md.append(summary.sustainedPerSecond().format("%,.0f"))
                    .append(" | ")
                    .append(summary.secondHalfPerSecond().format("%,.0f"))
                    .append(" | ")
                    .append(ratios(summary, report.ceiling()))
                    .append(" | ")
                    .append(ratios(summary, report.handLoop()))
                    .append(" | ")
                    .append(summary.startupSeconds().format("%.1f"))
                    .append(" | ")
                    .append(summary.wholeRunSeconds().format("%.1f"))
                    .append(" | ")
                    .append(summary.cpuSeconds().format("%.1f"))
                    .append(" | ")
                    .append(String.format(
                            Locale.ROOT,
                            "%.1f / %s",
                            summary.cpuMicrosPerRecord().median(),
                            orDash(summary.secondHalfCpuMicrosPerRecord().median())))
                    .append(" | ")
                    .append(String.format(
                            Locale.ROOT, "%.0f", summary.peakRssMb().median()))
                    .append(" |\n");
        }
        md.append("""

                - sustained: output records (enriched + dead letters; for the ceiling, copies; for the SQL peer,
                  see below) over the time from the first to the last broker append (LogAppendTime), read back with
                  read_committed: JVM and job start-up are left out. Start-up is JVM launch to the first output append; whole run is launch to exit.
                - CPU s is user + system time of the contender's process only (not the broker's), from /proc; peak
                  RSS is its VmHWM. Medians over the runs, [min-max] where the runs differ. CPU µs/record: over the
                  whole run (start-up included), and while the later half of the output was written (read from
                  /proc every 50 ms), the cost of a record once the program runs at speed.
                - second half: the rate over the later half of the output records. A JVM compiles its hot code
                  while it runs; on two cores the compiler competes with the work for the first seconds, and
                  login-insights (Flink, Kafka, the windows) has far more code to compile than the loops.
                - vs tx ceiling, vs hand loop: median rate over that contender's, sustained / second half. The
                  copy does not parse; the hand-written loop parses, validates and routes but computes no window
                  insights; login-insights does all of it and also writes the insights topic.
                - The Flink SQL peer computes the same window insights in Flink SQL, exactly once, but writes only the
                  records its json format accepts and drops the others without a trace (no dead letters): its rates
                  are of input records, its output rate times input / output, and its CPU is per input record.
                """);
        windowFigures(md, report);

        if (!report.latency().isEmpty() || !report.latencyFailures().isEmpty()) {
            md.append(String.format(
                    Locale.ROOT,
                    "%n## End-to-end latency (job at parallelism 1, generator at %,d " + "records/s for %s)%n%n",
                    config.latencyRate(),
                    Durations.format(config.latencyDuration())));
            md.append("| delivery | checkpoint interval | inputs measured | missing | append to append, ms: p50 / "
                    + "p99 / max | append to visible (read_committed), ms: p50 / p99 / max |\n");
            md.append("| --- | --: | --: | --: | --: | --: |\n");
            for (LatencyRun.Outcome outcome : report.latency()) {
                LatencyJoin.Result result = outcome.result();
                md.append("| ")
                        .append(outcome.scenario().title())
                        .append(" | ")
                        .append(Durations.format(outcome.scenario().checkpointInterval()))
                        .append(" | ")
                        .append(String.format(Locale.ROOT, "%,d", result.measured()))
                        .append(" | ")
                        .append(String.format(Locale.ROOT, "%,d", result.unmatched()))
                        .append(" | ")
                        .append(percentiles(result.appendToAppend()))
                        .append(" | ")
                        .append(percentiles(result.appendToVisible()))
                        .append(" |\n");
            }
            for (String failure : report.latencyFailures()) {
                md.append("| FAILED: ").append(failure.replace("\n", " ")).append(" | | | | | |\n");
            }
            md.append(String.format(Locale.ROOT, """

                    - From an input record's broker append to its enriched record's append (processing), and to the
                      moment a read_committed reader here saw it. Inputs and outputs are joined by the enriched
                      record's source.partition and source.offset. The job was already running (a record per
                      partition had come through it) when the generator started; inputs of the generator's first %s
                      are left out all the same (JIT warm-up). Missing: measured inputs found in neither output.
                    - Exactly-once output is written inside a transaction that commits when a checkpoint completes,
                      so a reader sees it only then: the checkpoint interval is the floor of its visible latency
                      (on average half an interval of waiting, up to a whole one, plus the commit). Its append to
                      append latency stays low: the records are appended at once and only become visible later.
                    """, Durations.format(config.latencyWarmUp())));
        }

        md.append("\n## Every run\n\n");
        md.append("| contender | run | records out | sustained rec/s | second half rec/s | start-up s | whole run s "
                + "| CPU s | peak RSS MB | note |\n");
        md.append("| --- | --: | --: | --: | --: | --: | --: | --: | --: | --- |\n");
        for (ContenderSummary summary : report.contenders()) {
            for (RunMeasurement run : summary.runs()) {
                boolean any = run.output().records() > 0;
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %,d | %,.0f | %,.0f | %.1f | %.1f | %.1f | %.0f | %s |%n",
                        run.contender().title(),
                        run.run(),
                        run.output().records(),
                        any ? run.sustainedPerSecond() : 0.0,
                        any ? run.secondHalfPerSecond() : 0.0,
                        any ? run.startupSeconds() : 0.0,
                        run.wholeRunSeconds(),
                        run.usage().cpuSeconds(),
                        run.usage().peakRssMb(),
                        run.failure()
                                .map(f -> "FAILED: " + f.replace("\n", " ").replace("|", "/"))
                                .orElse("")));
            }
        }
        return md.toString();
    }

    /** Which jars ran with which JVM flags, and the Kafka settings every contender was given. */
    private static void whatRan(StringBuilder md, Report report) {
        Contender.Launch launch = report.launch();
        List<Contender> contenders =
                report.contenders().stream().map(ContenderSummary::contender).toList();
        if (contenders.stream().anyMatch(c -> c.kind() == Contender.Kind.LOGIN_INSIGHTS)
                || !report.latency().isEmpty()) {
            md.append("- ").append(launch.jobA().describe(report.repository())).append("\n");
        }
        launch.jobB()
                .ifPresent(b ->
                        md.append("- ").append(b.describe(report.repository())).append("; its rows are marked (b)\n"));
        if (contenders.contains(Contender.FLINK_SQL)) {
            md.append("- Flink SQL peer: `login-insights.sql` in `")
                    .append(Contender.SQL_PEER_JAR)
                    .append("`, in a local MiniCluster, checkpoints every 10 s as the job's\n");
        }
        if (!launch.kafkaProperties().isEmpty()) {
            md.append("- Kafka client settings given to every contender (login-insights and the SQL peer as"
                            + " --kafka-property, the loops to their consumer and producer): `")
                    .append(String.join(
                            " ",
                            launch.kafkaProperties().entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .toList()))
                    .append("`\n");
        }
    }

    /**
     * Logins per window of the SQL peer beside login-insights' (exactly-once p1 where it ran), from the first run
     * of each that counted.
     */
    private static void windowFigures(StringBuilder md, Report report) {
        Optional<RunMeasurement> sql = firstWithFigures(report, c -> c.equals(Contender.FLINK_SQL));
        Optional<RunMeasurement> ours = firstWithFigures(report, c -> c.equals(Contender.loginInsights(true, 1)))
                .or(() -> firstWithFigures(report, c -> c.kind() == Contender.Kind.LOGIN_INSIGHTS));
        if (sql.isEmpty() || ours.isEmpty()) {
            return;
        }
        SortedMap<Instant, Long> ourLogins = ours.get().figures().orElseThrow().loginsPerWindow();
        SortedMap<Instant, Long> sqlLogins = sql.get().figures().orElseThrow().loginsPerWindow();
        SortedSet<Instant> windows = new TreeSet<>(ourLogins.keySet());
        windows.addAll(sqlLogins.keySet());
        md.append(String.format(
                Locale.ROOT,
                "%n## Window figures: the Flink SQL peer beside login-insights%n%n"
                        + "Logins per 1-minute window, from each one's insights topic (run %d of %s, run %d of the"
                        + " SQL peer):%n%n",
                ours.get().run(),
                ours.get().contender().title(),
                sql.get().run()));
        md.append("| window (UTC) | ")
                .append(ours.get().contender().title())
                .append(" | Flink SQL peer | SQL peer minus login-insights |\n");
        md.append("| --- | --: | --: | --: |\n");
        DateTimeFormatter minute =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
        long ourTotal = 0;
        long sqlTotal = 0;
        for (Instant window : windows) {
            long ourCount = ourLogins.getOrDefault(window, 0L);
            long sqlCount = sqlLogins.getOrDefault(window, 0L);
            ourTotal += ourCount;
            sqlTotal += sqlCount;
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %,d | %+,d |%n",
                    minute.format(window),
                    ourCount,
                    sqlCount,
                    sqlCount - ourCount));
        }
        md.append(String.format(
                Locale.ROOT,
                "| all | %,d | %,d | %+,d (%+.2f%%) |%n",
                ourTotal,
                sqlTotal,
                sqlTotal - ourTotal,
                ourTotal == 0 ? 0.0 : 100.0 * (sqlTotal - ourTotal) / ourTotal));
        md.append("""

                - login-insights counts valid records only. The SQL peer also counts what its json format accepts
                  and login-insights turns into dead letters: a field given twice, a number where text belongs, a
                  record over 64 KiB. On valid records alone the two agree, window by window and value by value
                  (SqlPeerFiguresIT).
                """);
    }

    private static Optional<RunMeasurement> firstWithFigures(Report report, Predicate<Contender> which) {
        return report.contenders().stream()
                .filter(summary -> which.test(summary.contender()))
                .flatMap(summary -> summary.counted().stream())
                .filter(run -> run.figures().isPresent())
                .findFirst();
    }

    private static String orDash(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String ratios(ContenderSummary summary, Optional<ContenderSummary> reference) {
        return reference
                .map(r -> String.format(
                        Locale.ROOT,
                        "%.2f / %.2f",
                        summary.sustainedPerSecond().median()
                                / r.sustainedPerSecond().median(),
                        summary.secondHalfPerSecond().median()
                                / r.secondHalfPerSecond().median()))
                .orElse("-");
    }

    private static String percentiles(LatencyJoin.Percentiles p) {
        return String.format(Locale.ROOT, "%,d / %,d / %,d", p.p50(), p.p99(), p.max());
    }
}
