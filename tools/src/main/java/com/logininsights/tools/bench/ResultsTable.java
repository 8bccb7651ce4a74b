package com.logininsights.tools.bench;

import com.logininsights.tools.cli.Durations;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** Writes a {@link Report} as Markdown: the summary tables first, then how to read them, then every run. */
final class ResultsTable {
    private ResultsTable() {}

    static String markdown(Report report) {
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
                "- %d run(s) per contender, taken in turns%s; each contender in its " + "own JVM with %s%n%n",
                config.runs(),
                config.quick() ? "" : ", after one uncounted copy that warms " + "the broker up",
                String.join(" ", Contender.JVM_FLAGS)));

        md.append("## Throughput\n\n");
        md.append("| contender | sustained rec/s, median [min-max] | second half rec/s | vs tx ceiling "
                + "| vs hand loop | start-up s | whole run s | CPU s | CPU µs/record | peak RSS MB |\n");
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
                            Locale.ROOT, "%.1f", summary.cpuMicrosPerRecord().median()))
                    .append(" | ")
                    .append(String.format(
                            Locale.ROOT, "%.0f", summary.peakRssMb().median()))
                    .append(" |\n");
        }
        md.append("""

                - sustained: output records (enriched + dead letters; for the ceiling, copies) over the time from the
                  first to the last broker append (LogAppendTime), read back with read_committed: JVM and job start-up
                  are left out. Start-up is JVM launch to the first output append; whole run is launch to exit.
                - CPU s is user + system time of the contender's process only (not the broker's), from /proc; peak
                  RSS is its VmHWM. Medians over the runs, [min-max] where the runs differ.
                - second half: the rate over the later half of the output records. A JVM compiles its hot code
                  while it runs; on two cores the compiler competes with the work for the first seconds, and
                  login-insights (Flink, Kafka, the windows) has far more code to compile than the loops.
                - vs tx ceiling, vs hand loop: median rate over that contender's, sustained / second half. The
                  copy does not parse; the hand-written loop parses, validates and routes but computes no window
                  insights; login-insights does all of it and also writes the insights topic.
                """);

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
