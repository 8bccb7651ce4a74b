package com.logininsights.tools.bench;

import com.logininsights.common.broker.LocalKafkaBroker;
import com.logininsights.tools.Checkout;
import com.logininsights.tools.KafkaLogs;
import com.logininsights.tools.bench.contenders.Contender;
import com.logininsights.tools.bench.contenders.JobVariant;
import com.logininsights.tools.bench.measure.BenchAdmin;
import com.logininsights.tools.bench.measure.BenchConfig;
import com.logininsights.tools.bench.measure.LatencyRun;
import com.logininsights.tools.bench.measure.LatencyScenario;
import com.logininsights.tools.bench.measure.Preloader;
import com.logininsights.tools.bench.measure.Progress;
import com.logininsights.tools.bench.measure.RunMeasurement;
import com.logininsights.tools.bench.measure.ThroughputRun;
import com.logininsights.tools.bench.report.ContenderSummary;
import com.logininsights.tools.bench.report.Report;
import com.logininsights.tools.bench.report.ResultsTable;
import com.logininsights.tools.cli.Cli;
import com.logininsights.tools.machine.Machine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark, one command: a real broker, N preloaded records, then every contender over the same
 * records, taking turns, several runs; then the job's end-to-end latency at a fixed input rate. Prints a progress
 * line while it runs and a results table at the end, which it also writes to a file.
 */
public final class Benchmark {
    static final String INPUT_TOPIC = "bench-input";

    private final BenchConfig config;
    private final Path repository;
    private final PrintStream out;
    private final String command;
    private final Progress progress;

    /** What a benchmark produced: the report and the file it is written to. */
    public record Outcome(Report report, Path file, String markdown) {
        public boolean complete() {
            return report.allCounted();
        }
    }

    Benchmark(BenchConfig config, Path repository, PrintStream out, String command, boolean terminal) {
        this.config = config;
        this.repository = repository;
        this.out = out;
        this.command = command;
        this.progress = new Progress(out, terminal);
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(new BenchFlags(), args));
    }

    /** Runs the benchmark as the command line asked; returns the exit code. */
    static int runAndReport(BenchConfig config, List<String> args) throws Exception {
        KafkaLogs.onlyErrors();
        Benchmark benchmark = new Benchmark(
                config,
                Checkout.root(),
                System.out,
                ("scripts/bench " + String.join(" ", args)).trim(),
                System.console() != null);
        Thread main = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C: interrupt the run, so that it stops the programs it started (by PID) on its way out.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (finished.getCount() > 0) {
                                main.interrupt();
                                try {
                                    finished.await(90, TimeUnit.SECONDS);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                        },
                        "bench-shutdown"));
        try {
            return benchmark.run().complete() ? Cli.DONE : Cli.FAILED;
        } catch (InterruptedException e) {
            System.err.println("bench: stopped");
            return 130;
        } finally {
            finished.countDown();
        }
    }

    Outcome run() throws Exception {
        LocalDateTime started = LocalDateTime.now();
        Machine machine = Machine.here();
        Path file = config.out()
                .orElse(repository
                        .resolve("bench-results")
                        .resolve(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss")) + ".md"))
                .toAbsolutePath();
        Path logDir = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.md$", "") + "-logs");
        Files.createDirectories(logDir);
        JobVariant jobA = config.jobA().resolved(repository.resolve(JobVariant.DEFAULT_JAR));
        Optional<JobVariant> jobB = config.jobB().map(b -> b.resolved(jobA.requireJar()));
        Path sqlPeerJar = repository.resolve(Contender.SQL_PEER_JAR);
        requireBuilt(jobA.requireJar());
        if (config.contenders().contains(Contender.FLINK_SQL)) {
            requireBuilt(sqlPeerJar);
        }
        out.printf(
                Locale.ROOT,
                "login-insights benchmark: %,d records, %d run(s) of %d contender(s)%s; logs in %s%n",
                config.records(),
                config.runs(),
                config.contenders().size(),
                config.latency() ? ", then latency" : "",
                logDir);
        out.println("machine: " + machine.describe() + "; load average " + machine.loadAverage());
        Path brokerDir = Files.createTempDirectory("login-insights-bench-");
        try {
            String classpath = System.getProperty("java.class.path");
            try (LocalKafkaBroker broker = LocalKafkaBroker.builder(brokerDir).build()) {
                progress.update("starting a Kafka broker");
                broker.start();
                progress.done("broker " + broker.bootstrapServers() + " (pid " + broker.pid() + ")");
                Contender.Launch launch = new Contender.Launch(
                        broker.bootstrapServers(),
                        classpath,
                        jobA,
                        jobB,
                        sqlPeerJar,
                        config.kafkaProperties(),
                        config.jfr() ? Optional.of(logDir) : Optional.empty());
                try (BenchAdmin admin = new BenchAdmin(broker.bootstrapServers())) {
                    Report report = measure(started, machine, launch, admin, logDir);
                    String markdown = ResultsTable.markdown(report);
                    Files.writeString(file, markdown);
                    out.println();
                    out.print(markdown.substring(0, markdown.indexOf("\n## Every run")));
                    out.println();
                    out.println("Written to " + file + (report.allCounted() ? "" : " (with FAILED runs: see there)"));
                    return new Outcome(report, file, markdown);
                }
            }
        } finally {
            Checkout.deleteRecursively(brokerDir);
        }
    }

    private Report measure(
            LocalDateTime started, Machine machine, Contender.Launch launch, BenchAdmin admin, Path logDir)
            throws Exception {
        admin.create(INPUT_TOPIC, config.partitions());
        BrokerWarmUp.run(launch.bootstrapServers(), INPUT_TOPIC);
        Preloader.Loaded loaded = Preloader.preload(
                launch.bootstrapServers(), INPUT_TOPIC, config.partitions(), config.records(), config.seed(), progress);
        progress.done(String.format(
                Locale.ROOT,
                "preloaded %,d records (%,d malformed) in %.1f s",
                loaded.records(),
                loaded.malformed(),
                loaded.took().toMillis() / 1000.0));

        ThroughputRun throughput =
                new ThroughputRun(launch, admin, INPUT_TOPIC, loaded, config.partitions(), logDir, progress);
        if (!config.quick()) {
            // A fresh broker is slower at first (its JIT, its page cache): the first contender of the first run
            // would pay for it. One copy that is not counted takes that.
            RunMeasurement warmUp = throughput.measure(Contender.CEILING_TRANSACTIONS, 0, "[warm-up]");
            progress.done("[warm-up, not counted] " + describe(warmUp));
        }
        Map<Contender, List<RunMeasurement>> runs = new LinkedHashMap<>();
        for (int run = 1; run <= config.runs(); run++) {
            for (Contender contender : config.contenders()) {
                String label = "[run " + run + "/" + config.runs() + "]";
                RunMeasurement measured = throughput.measure(contender, run, label);
                runs.computeIfAbsent(contender, c -> new ArrayList<>()).add(measured);
                progress.done(label + " " + describe(measured));
            }
        }
        List<ContenderSummary> summaries = runs.entrySet().stream()
                .map(entry -> new ContenderSummary(entry.getKey(), entry.getValue()))
                .toList();

        LatencyRun latency = new LatencyRun(
                launch,
                admin,
                new LatencyRun.Settings(
                        config.latencyRate(),
                        config.latencyDuration(),
                        config.latencyWarmUp(),
                        config.partitions(),
                        config.seed()),
                logDir,
                progress);
        List<LatencyRun.Outcome> outcomes = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (LatencyScenario scenario : config.latencyScenarios()) {
            try {
                LatencyRun.Outcome outcome = latency.measure(scenario);
                outcomes.add(outcome);
                progress.done(String.format(
                        Locale.ROOT,
                        "latency, %s, checkpoints every %s: visible p50 %,d ms, " + "p99 %,d ms",
                        scenario.title(),
                        com.logininsights.common.Durations.format(scenario.checkpointInterval()),
                        outcome.result().appendToVisible().p50(),
                        outcome.result().appendToVisible().p99()));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                failures.add(scenario.title() + " " + scenario.checkpointInterval() + ": " + e.getMessage());
                progress.done("latency, " + scenario.title() + ": FAILED: " + e.getMessage());
            }
        }
        return new Report(
                started,
                command,
                machine,
                Machine.currentLoadAverage(),
                config,
                launch,
                repository,
                loaded,
                summaries,
                outcomes,
                failures);
    }

    private static String describe(RunMeasurement run) {
        if (!run.counts()) {
            return run.contender().title() + ": FAILED: " + run.failure().orElseThrow();
        }
        return String.format(
                Locale.ROOT,
                "%-48s %,10.0f rec/s (second half %,.0f)  start-up %5.1f s  whole %5.1f s  "
                        + "CPU %5.1f s  RSS %4.0f MB",
                run.contender().title(),
                run.sustainedPerSecond(),
                run.secondHalfPerSecond(),
                run.startupSeconds(),
                run.wholeRunSeconds(),
                run.usage().cpuSeconds(),
                run.usage().peakRssMb());
    }

    private static void requireBuilt(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: build it with ./mvnw -B -ntp package -DskipTests");
        }
    }
}
