package com.logininsights.tools.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.logininsights.common.Durations;
import com.logininsights.common.Ports;
import com.logininsights.common.Topics;
import com.logininsights.common.broker.LocalKafkaBroker;
import com.logininsights.tools.Checkout;
import com.logininsights.tools.ChildProcess;
import com.logininsights.tools.KafkaLogs;
import com.logininsights.tools.StartedPrograms;
import com.logininsights.tools.cli.Cli;
import com.logininsights.tools.liveview.LiveView;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The one-command playground: a real Kafka broker (or one you point it at), our data generator and the job in a
 * local MiniCluster with the Flink web UI, each in its own process with its log in the data folder, and a live view
 * of each closed window here. It stops everything it started on Ctrl-C, after {@code --duration}, or when any of
 * its programs dies.
 */
public final class Playground {
    private static final String PORT_ADVICE =
            "stop what uses it, or point the playground at a running broker with --bootstrap-servers";
    /** The job's entry point, for java -jar, an IDE and the cluster alike. */
    static final String JOB_MAIN_CLASS = "com.logininsights.Main";

    private final PlaygroundConfig config;
    private final Path repository;
    private final PrintStream out;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile LiveView view;

    /** What a run saw, and the programs it started (all stopped by the time it returns). */
    public record Result(
            int exitCode,
            List<JsonNode> summaries,
            Map<String, Long> deadLettersByReason,
            long lateEvents,
            List<Long> pids) {}

    public Playground(PlaygroundConfig config, Path repository, PrintStream out) {
        this.config = config;
        this.repository = repository;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(new PlaygroundFlags(), args));
    }

    /** Runs until Ctrl-C, {@code --duration} or a failure, and returns the exit code. */
    static int runUntilStopped(PlaygroundConfig config) throws IOException, InterruptedException {
        KafkaLogs.onlyErrors();
        Playground playground = new Playground(config, Checkout.root(), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(playground::stopAndWait, "playground-shutdown"));
        return playground.run().exitCode();
    }

    /** Runs until stopped; everything it started is stopped again, newest first, when it returns. */
    public Result run() throws IOException, InterruptedException {
        List<AutoCloseable> started = new ArrayList<>();
        List<Long> pids = new ArrayList<>();
        int exitCode = 0;
        try {
            prepareDataDir();
            Ports.requireFree(config.webUiPort(), "the Flink web UI", PORT_ADVICE);
            out.println("login-insights playground");
            String bootstrap = startOrFindBroker(started, pids);
            createTopics(bootstrap);
            List<ChildProcess> programs = new ArrayList<>();
            if (config.withoutJob()) {
                List<String> flags = jobFlags(bootstrap);
                out.printf(
                        Locale.ROOT,
                        "  job           not started (--without-job): run %s from your IDE with these program"
                                + " arguments%s:%n                %s%n",
                        JOB_MAIN_CLASS,
                        runConfigurationsHold(flags)
                                ? " (the run configuration \"login-insights (MiniCluster)\" in .run/ and"
                                        + " .vscode/launch.json has them)"
                                : ", in place of those in .run/ or .vscode/launch.json",
                        String.join(" ", flags));
            } else {
                ChildProcess job = ChildProcess.start(
                        "job", jobCommand(bootstrap), config.dataDir().resolve("job.log"));
                started.add(0, job);
                pids.add(job.pid());
                programs.add(job);
                out.printf(
                        Locale.ROOT,
                        "  job           Flink web UI on http://localhost:%d (pid %d); log %s%n",
                        config.webUiPort(),
                        job.pid(),
                        job.log());
            }
            ChildProcess generator = ChildProcess.start(
                    "generator", generatorCommand(bootstrap), config.dataDir().resolve("generator.log"));
            started.add(0, generator);
            pids.add(generator.pid());
            programs.add(generator);
            out.printf(
                    Locale.ROOT,
                    "  generator     %s records/s, %.0f%% malformed (pid %d); log %s%n",
                    config.rate(),
                    config.badShare() * 100,
                    generator.pid(),
                    generator.log());
            out.printf(
                    Locale.ROOT,
                    "Windows of %s close as event time passes; results are committed every %s."
                            + " Ctrl-C stops everything.%n%n",
                    Durations.format(config.window()),
                    Durations.format(config.checkpointInterval()));
            exitCode = follow(bootstrap, programs, started);
            return new Result(exitCode, view.summaries(), view.deadLettersByReason(), view.lateEvents(), pids);
        } catch (IOException e) {
            out.println("playground: " + e.getMessage());
            exitCode = 1;
            return new Result(exitCode, List.of(), Map.of(), 0, pids);
        } finally {
            StartedPrograms.stopAll(started, out);
            stopped.countDown();
        }
    }

    private int follow(String bootstrap, List<ChildProcess> programs, List<AutoCloseable> started) throws IOException {
        view = LiveView.open(bootstrap, Map.of(), topics(), Topics.ALERTS, out, Duration.ofSeconds(30));
        started.add(0, view);
        long deadline =
                config.duration().map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
        while (!stopRequested && System.nanoTime() < deadline) {
            for (ChildProcess program : programs) {
                if (!program.isAlive()) {
                    out.printf(
                            Locale.ROOT,
                            "playground: the %s stopped (exit code %d); see %s%n",
                            program.name(),
                            program.exitValue(),
                            program.log());
                    return 1;
                }
            }
            if (!view.pollOnce(Duration.ofMillis(500))) {
                break;
            }
        }
        return 0;
    }

    /** Called on Ctrl-C: ends the run loop, then waits for it to stop what it started. */
    public void stopAndWait() {
        stopRequested = true;
        LiveView current = view;
        if (current != null) {
            current.stop();
        }
        try {
            stopped.await(90, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String startOrFindBroker(List<AutoCloseable> started, List<Long> pids)
            throws IOException, InterruptedException {
        if (config.existingBroker().isPresent()) {
            out.println("  Kafka broker  " + config.existingBroker().get() + " (yours)");
            return config.existingBroker().get();
        }
        Ports.requireFree(config.brokerPort(), "Kafka", PORT_ADVICE);
        Ports.requireFree(config.brokerPort() + 1, "the Kafka controller", PORT_ADVICE);
        LocalKafkaBroker broker = LocalKafkaBroker.builder(config.dataDir().resolve("kafka"))
                .port(config.brokerPort())
                .build();
        started.add(StartedPrograms.named(broker.name(), broker));
        broker.start();
        pids.add(broker.pid());
        out.printf(
                Locale.ROOT,
                "  Kafka broker  %s (pid %d); data and log in %s%n",
                broker.bootstrapServers(),
                broker.pid(),
                broker.dataDir());
        return broker.bootstrapServers();
    }

    private void createTopics(String bootstrap) throws IOException, InterruptedException {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        Topics topics = topics();
        try (Admin admin = Admin.create(properties)) {
            for (NewTopic topic : topics.toCreate(3)) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IOException("could not create topic " + topic.name() + " on " + bootstrap + ": "
                                + e.getCause().getMessage());
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IOException("no Kafka broker answered on " + bootstrap + " within 30 s");
                }
            }
        }
    }

    private List<String> generatorCommand(String bootstrap) {
        return List.of(
                ChildProcess.java(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "com.logininsights.tools.generator.LoginEventGenerator",
                "--bootstrap-servers",
                bootstrap,
                "--topic",
                Topics.DEFAULT.input(),
                "--rate",
                config.rate(),
                "--bad-share",
                String.valueOf(config.badShare()));
    }

    /**
     * The default topics on the playground's own broker. On a broker of yours (docker-compose's, say) it reads the
     * same input but writes its own outputs: another job may be writing the default ones, and two jobs writing the
     * same topics duplicate every output (the job refuses to start when it sees that).
     */
    private Topics topics() {
        if (config.existingBroker().isEmpty()) {
            return Topics.DEFAULT;
        }
        Topics outputs = Topics.DEFAULT;
        return new Topics(
                outputs.input(),
                "playground-" + outputs.processed(),
                "playground-" + outputs.deadLetters(),
                "playground-" + outputs.insights());
    }

    /**
     * The job as an IDE runs it: its compiled classes and its dependencies' jars (both written by the build that
     * scripts/playground runs), with the JVM options Flink needs on Java 17.
     */
    private List<String> jobCommand(String bootstrap) throws IOException {
        Path classes = repository.resolve("job/target/classes");
        Path classpath = repository.resolve("job/target/runtime-classpath.txt");
        Path javaOptions = repository.resolve("job/target/java-options");
        for (Path built : List.of(classes, classpath, javaOptions)) {
            if (!Files.exists(built)) {
                throw new IOException(built + " is missing: scripts/playground builds it (REBUILD=1 forces a build)");
            }
        }
        List<String> command = new ArrayList<>(List.of(
                ChildProcess.java(),
                "@" + javaOptions,
                "-Xmx1g",
                "-cp",
                classes
                        + java.io.File.pathSeparator
                        + Files.readString(classpath).strip(),
                JOB_MAIN_CLASS));
        command.addAll(jobFlags(bootstrap));
        return command;
    }

    /** Whether the IDE run configurations committed in this checkout run the job with exactly these flags. */
    private boolean runConfigurationsHold(List<String> flags) {
        try {
            return IdeRunConfiguration.committed(repository).stream()
                    .allMatch(configuration -> configuration.programArguments().equals(flags));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The job's flags: what the playground runs it with, and what it prints for an IDE with {@code --without-job}
     * (the committed run configurations hold the same for the defaults, which a test checks).
     */
    List<String> jobFlags(String bootstrap) {
        List<String> flags = new ArrayList<>(List.of("--bootstrap-servers", bootstrap));
        Topics topics = topics();
        if (!topics.equals(Topics.DEFAULT)) {
            flags.addAll(List.of(
                    "--input-topic",
                    topics.input(),
                    "--processed-topic",
                    topics.processed(),
                    "--dead-letter-topic",
                    topics.deadLetters(),
                    "--insights-topic",
                    topics.insights()));
        }
        flags.addAll(List.of(
                "--group-id",
                "playground",
                // Checkpoints on disk: a run stopped with Ctrl-C resumes from the latest one, open windows and all.
                "--checkpoint-dir",
                config.dataDir().resolve("checkpoints").toString(),
                "--window",
                Durations.format(config.window()),
                "--checkpoint-interval",
                Durations.format(config.checkpointInterval()),
                // The generator writes every partition several times a second: a short warm-up before event time
                // starts (it waits --idleness for every partition) brings the first window sooner.
                "--idleness",
                "3s",
                // Live data: when the generator pauses, let the open window close anyway.
                "--advance-after-quiet",
                "30s",
                "--web-ui-port",
                String.valueOf(config.webUiPort())));
        return flags;
    }

    private void prepareDataDir() throws IOException {
        if (config.fresh() && Files.exists(config.dataDir())) {
            try (Stream<Path> paths = Files.walk(config.dataDir())) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(config.dataDir());
    }
}
