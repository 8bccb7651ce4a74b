package com.logininsights.tools.soak;

import com.logininsights.common.Durations;
import com.logininsights.common.Ports;
import com.logininsights.common.Topics;
import com.logininsights.common.broker.LocalKafkaBroker;
import com.logininsights.tools.Checkout;
import com.logininsights.tools.ChildProcess;
import com.logininsights.tools.StartedPrograms;
import com.logininsights.tools.generator.GeneratorFlags;
import com.logininsights.tools.machine.Machine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A soak: a real Kafka broker, our generator at a steady rate, and the job with exactly-once sinks,
 * each in its own process, for a long time. Every few seconds it samples the job's heap after GC and GC pauses (from
 * the job's GC log), its latest checkpoint's duration and size (Flink's REST API), the consumer lag (the broker's
 * offsets), the input and output rates and the job's RSS; it prints a line per sample, and at the end a summary and
 * a verdict computed from the samples, and writes them with a CSV and an SVG chart to a results folder. Ctrl-C stops
 * it early: the programs it started are stopped by PID and what was measured is still written.
 */
public final class Soak {
    static final String GROUP_ID = "soak";
    static final String CSV = "samples.csv";
    static final String CHART = "soak.svg";
    static final String SUMMARY = "summary.md";

    /**
     * The job flags the soak sets ({@link #jobCommand}), and the topics it creates, feeds and measures by their
     * default names: {@code --job-flags} may not name them.
     */
    static final Set<String> JOB_FLAGS_OF_THE_SOAK = Set.of(
            "--bootstrap-servers",
            "--group-id",
            "--starting-offsets",
            "--checkpoint-interval",
            "--checkpoint-dir",
            "--web-ui-port",
            "--parallelism",
            "--input-topic",
            "--processed-topic",
            "--dead-letter-topic",
            "--insights-topic",
            "--alerts-topic");

    private static final Duration JOB_READY_TIMEOUT = Duration.ofMinutes(3);
    private static final int HEADING_EVERY = 30;

    private final SoakConfig config;
    private final Path repository;
    private final PrintStream out;
    private final String command;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    /** How a soak ended. */
    public enum Ending {
        COMPLETED,
        STOPPED,
        FAILED
    }

    /** How the sampling ended, and why when it ended early. */
    private record Finish(Ending ending, String reason) {}

    /** What a soak measured, where it wrote it, and the programs it started (all stopped by the time it returns). */
    public record Outcome(List<Sample> samples, Ending ending, String reason, Path folder, List<Long> pids) {
        public Path csv() {
            return folder.resolve(CSV);
        }

        public Path chart() {
            return folder.resolve(CHART);
        }

        public Path summary() {
            return folder.resolve(SUMMARY);
        }

        int exitCode() {
            return switch (ending) {
                case COMPLETED -> 0;
                case FAILED -> 1;
                case STOPPED -> 130;
            };
        }
    }

    Soak(SoakConfig config, Path repository, PrintStream out, String command) {
        this.config = config;
        this.repository = repository;
        this.out = out;
        this.command = command;
    }

    public static void main(String[] args) throws Exception {
        if (SoakCommand.wantsHelp(args)) {
            System.out.print(SoakCommand.usage());
            return;
        }
        SoakConfig config;
        try {
            config = SoakCommand.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("soak: " + e.getMessage());
            System.exit(2);
            return;
        }
        // The broker is polled until it answers; each refused connection would otherwise print a warning here.
        for (String logger : List.of("org.apache.kafka", "org.apache.kafka.clients")) {
            org.apache.logging.log4j.core.config.Configurator.setLevel(logger, org.apache.logging.log4j.Level.ERROR);
        }
        Soak soak = new Soak(config, Checkout.root(), System.out, commandLine(args));
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C: end the sampling, then wait while the run stops its programs and writes what it measured.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            soak.stop();
                            try {
                                finished.await(3, TimeUnit.MINUTES);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "soak-shutdown"));
        int exitCode;
        try {
            exitCode = soak.run().exitCode();
        } catch (IOException e) {
            System.err.println("soak: " + e.getMessage());
            exitCode = 1;
        } finally {
            finished.countDown();
        }
        System.exit(exitCode);
    }

    /** The command as a shell takes it again: a word with spaces in quotes ({@code --job-flags "--a b"}). */
    static String commandLine(String... args) {
        StringBuilder line = new StringBuilder("scripts/soak");
        for (String arg : args) {
            line.append(' ').append(arg.matches(".*\\s.*") ? '"' + arg + '"' : arg);
        }
        return line.toString();
    }

    /** Ends the sampling early; the run then stops its programs and writes its results. */
    void stop() {
        stopRequested.countDown();
    }

    Outcome run() throws IOException, InterruptedException {
        LocalDateTime started = LocalDateTime.now();
        Path folder = config.outDir()
                .orElse(repository
                        .resolve("soak-results")
                        .resolve(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss"))))
                .toAbsolutePath();
        Path jobJar = config.jobJar().orElse(repository.resolve("job/target/login-insights-local.jar"));
        if (!Files.isRegularFile(jobJar)) {
            throw new IOException(jobJar + " is missing: build it with ./mvnw -B -ntp package -DskipTests");
        }
        Files.createDirectories(folder);
        Machine machine = Machine.here();
        out.printf(
                Locale.ROOT,
                "login-insights soak: %,d records/s for %s, checkpoints every %s, a sample every %s; results in %s%n",
                config.rate(),
                Durations.format(config.duration()),
                Durations.format(config.checkpointInterval()),
                Durations.format(config.sampleEvery()),
                folder);
        out.println("machine: " + machine.describe() + "; load average " + machine.loadAverage());

        List<Sample> samples = new ArrayList<>();
        List<AutoCloseable> running = new ArrayList<>();
        List<Long> pids = new ArrayList<>();
        Finish finish;
        try {
            finish = startAndSample(folder, jobJar, running, pids, samples);
        } catch (IOException e) {
            finish = new Finish(Ending.FAILED, e.getMessage());
        } finally {
            StartedPrograms.stopAll(running, out);
        }
        Outcome outcome = new Outcome(List.copyOf(samples), finish.ending(), finish.reason(), folder, pids);
        String ending = switch (outcome.ending()) {
            case COMPLETED -> "ran for the full " + Durations.format(config.duration());
            case STOPPED -> "stopped early (" + outcome.reason() + ")";
            case FAILED -> "FAILED: " + outcome.reason();
        };
        String summary = SoakSummary.markdown(
                new SoakSummary.Run(
                        command,
                        machine.describe() + ", load average " + machine.loadAverage() + " at the start, "
                                + Machine.currentLoadAverage() + " at the end",
                        started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
                        ending,
                        config),
                samples);
        Files.writeString(outcome.csv(), SamplesCsv.of(samples));
        Files.writeString(outcome.summary(), summary);
        Files.writeString(
                outcome.chart(),
                SoakChart.svg(
                        String.format(
                                Locale.ROOT,
                                "login-insights soak, %s: %,d records/s, checkpoints every %s, %d cores",
                                started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
                                config.rate(),
                                Durations.format(config.checkpointInterval()),
                                machine.cores()),
                        samples));
        Checkout.deleteRecursively(folder.resolve("kafka").resolve("kafka-logs"));
        Checkout.deleteRecursively(folder.resolve("checkpoints"));
        out.println();
        out.print(summary);
        out.println();
        out.printf(Locale.ROOT, "Written to %s: %s, %s, %s and the programs' logs.%n", folder, CSV, CHART, SUMMARY);
        return outcome;
    }

    private Finish startAndSample(
            Path folder, Path jobJar, List<AutoCloseable> running, List<Long> pids, List<Sample> samples)
            throws IOException, InterruptedException {
        String classpath = System.getProperty("java.class.path");
        LocalKafkaBroker broker =
                LocalKafkaBroker.builder(folder.resolve("kafka")).build();
        running.add(StartedPrograms.named(broker.name(), broker));
        broker.start();
        pids.add(broker.pid());
        out.printf(Locale.ROOT, "  Kafka broker  %s (pid %d)%n", broker.bootstrapServers(), broker.pid());

        KafkaOffsets kafka = new KafkaOffsets(broker.bootstrapServers(), Topics.DEFAULT, GROUP_ID);
        running.add(0, kafka);
        kafka.createTopics(config.partitions());

        int webUiPort = Ports.free();
        Path gcLog = folder.resolve("job-gc.log");
        ChildProcess job = ChildProcess.start(
                "job",
                jobCommand(jobJar, broker.bootstrapServers(), gcLog, folder, webUiPort),
                folder.resolve("job.log"));
        running.add(0, job);
        pids.add(job.pid());
        out.printf(
                Locale.ROOT,
                "  job           Flink web UI on http://localhost:%d (pid %d); GC log %s%s%n",
                webUiPort,
                job.pid(),
                gcLog,
                config.jobFlags().isEmpty() ? "" : "; its extra flags: " + String.join(" ", config.jobFlags()));
        FlinkRest rest = new FlinkRest(webUiPort);
        Optional<Finish> notReady = awaitJobRunning(job, rest);
        if (notReady.isPresent()) {
            return notReady.get();
        }

        Sampler sampler = new Sampler(new GcLogTail(gcLog), rest, kafka, job.pid());
        ChildProcess generator = ChildProcess.start(
                "generator", generatorCommand(broker.bootstrapServers(), classpath), folder.resolve("generator.log"));
        running.add(0, generator);
        pids.add(generator.pid());
        sampler.start();
        out.printf(
                Locale.ROOT,
                "  generator     %,d records/s from %s users, 3%% malformed (pid %d)%n",
                config.rate(),
                config.users().isPresent()
                        ? String.format(Locale.ROOT, "%,d", config.users().getAsInt())
                        : "its default " + GeneratorFlags.DEFAULT_USERS,
                generator.pid());
        if (sampler.failedBeforeInput() > 0) {
            out.printf(
                    Locale.ROOT,
                    "  (%d checkpoint(s) failed while the job started, before the input: not counted below)%n",
                    sampler.failedBeforeInput());
        }
        out.println();
        return sample(sampler, List.of(generator, job), broker, samples);
    }

    private Finish sample(Sampler sampler, List<ChildProcess> programs, LocalKafkaBroker broker, List<Sample> samples)
            throws InterruptedException {
        long every = config.sampleEvery().toNanos();
        Optional<LiveHeapCheck> liveHeap = config.liveHeapEvery().isZero() ? Optional.empty() : LiveHeapCheck.here();
        if (!config.liveHeapEvery().isZero() && liveHeap.isEmpty()) {
            out.println("This Java has no jcmd: the live heap is not measured.");
        }
        long nextLiveHeap = config.liveHeapEvery().toNanos();
        long jobPid = programs.get(1).pid();
        while (true) {
            long due = (sampler.elapsed().toNanos() / every + 1) * every;
            if (stopRequested.await(due - sampler.elapsed().toNanos(), TimeUnit.NANOSECONDS)) {
                return new Finish(Ending.STOPPED, "Ctrl-C");
            }
            for (ChildProcess program : programs) {
                if (!program.isAlive()) {
                    return new Finish(
                            Ending.FAILED,
                            "the " + program.name() + " stopped (exit code " + program.exitValue() + "); see "
                                    + program.log());
                }
            }
            if (!broker.isRunning()) {
                return new Finish(Ending.FAILED, "the Kafka broker stopped; see its broker.log");
            }
            if (liveHeap.isPresent() && sampler.elapsed().toNanos() + every / 2 >= nextLiveHeap) {
                nextLiveHeap += config.liveHeapEvery().toNanos();
                try {
                    liveHeap.get().run(jobPid);
                } catch (java.io.IOException e) {
                    out.println("  (live heap not measured: " + e.getMessage() + ")");
                }
            }
            Sample sample = sampler.take();
            if (samples.size() % HEADING_EVERY == 0) {
                out.println(SampleLines.heading());
            }
            samples.add(sample);
            out.println(SampleLines.line(sample)
                    + (sampler.problems().isEmpty() ? "" : "   (" + String.join("; ", sampler.problems()) + ")"));
            if (sample.elapsed().compareTo(config.duration()) >= 0) {
                return new Finish(Ending.COMPLETED, "");
            }
        }
    }

    /** Waits until every task of the job runs, so that the input starts on a job that reads it. */
    private Optional<Finish> awaitJobRunning(ChildProcess job, FlinkRest rest) throws InterruptedException {
        long deadline = System.nanoTime() + JOB_READY_TIMEOUT.toNanos();
        while (!rest.jobRunning()) {
            if (!job.isAlive()) {
                return Optional.of(new Finish(
                        Ending.FAILED,
                        "the job stopped at start (exit code " + job.exitValue() + "); see " + job.log()));
            }
            if (System.nanoTime() > deadline) {
                return Optional.of(new Finish(
                        Ending.FAILED,
                        "the job was not running within " + JOB_READY_TIMEOUT.toMinutes() + " minutes; see "
                                + job.log()));
            }
            if (stopRequested.await(500, TimeUnit.MILLISECONDS)) {
                return Optional.of(new Finish(Ending.STOPPED, "Ctrl-C before the input started"));
            }
        }
        return Optional.empty();
    }

    List<String> jobCommand(Path jobJar, String bootstrapServers, Path gcLog, Path folder, int webUiPort) {
        List<String> command = new ArrayList<>(List.of(
                ChildProcess.java(),
                "-Xmx" + config.jobHeap(),
                ChildProcess.EXIT_ON_OUT_OF_MEMORY,
                GcLogTail.jvmOption(gcLog),
                "-jar",
                jobJar.toString(),
                "--bootstrap-servers",
                bootstrapServers,
                "--group-id",
                GROUP_ID,
                "--starting-offsets",
                "earliest",
                "--checkpoint-interval",
                Durations.format(config.checkpointInterval()),
                "--checkpoint-dir",
                folder.resolve("checkpoints").toString(),
                "--web-ui-port",
                String.valueOf(webUiPort)));
        config.parallelism().ifPresent(parallelism -> command.addAll(List.of("--parallelism", "" + parallelism)));
        command.addAll(config.jobFlags());
        return command;
    }

    private List<String> generatorCommand(String bootstrapServers, String classpath) {
        List<String> command = new ArrayList<>(List.of(
                ChildProcess.java(),
                "-Xmx256m",
                "-cp",
                classpath,
                "com.logininsights.tools.generator.LoginEventGenerator",
                "--bootstrap-servers",
                bootstrapServers,
                "--topic",
                Topics.DEFAULT.input(),
                "--rate",
                String.valueOf(config.rate()),
                "--partitions",
                String.valueOf(config.partitions()),
                "--report-every",
                "10s"));
        config.seed().ifPresent(seed -> command.addAll(List.of("--seed", String.valueOf(seed))));
        config.users().ifPresent(users -> command.addAll(List.of("--users", String.valueOf(users))));
        return command;
    }
}
