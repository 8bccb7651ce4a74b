package com.logininsights.tools.broker;

import com.logininsights.tools.ChildProcess;
import com.logininsights.tools.Ports;
import com.logininsights.tools.StartedPrograms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process), run from the Kafka jars as a child
 * process and bound to 127.0.0.1. Its data lives in one folder, which survives a restart unless wiped.
 *
 * <p>A child process rather than a thread: the broker then has its own memory and log file, cannot fight our
 * classpath, and stops by its PID.
 */
public final class LocalKafkaBroker implements StartedPrograms.Named {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final BrokerSettings settings;
    private ChildProcess process;

    public LocalKafkaBroker(BrokerSettings settings) {
        this.settings = settings;
    }

    /** Starts the broker and returns once it answers, or throws with the reason and the end of its log. */
    public void start() throws IOException, InterruptedException {
        Ports.requireFree(settings.port(), "Kafka");
        Ports.requireFree(settings.controllerPort(), "the Kafka controller");
        Files.createDirectories(settings.dataDir());
        Path config = writeServerProperties();
        Path log4j = writeLogConfig();
        if (!Files.exists(settings.logDir().resolve("meta.properties"))) {
            format(config, log4j);
        }
        process = ChildProcess.start(
                "Kafka broker",
                java(log4j, "kafka.Kafka", config.toString()),
                settings.dataDir().resolve("broker.log"));
        awaitReady();
    }

    @Override
    public String name() {
        return "Kafka broker";
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + settings.port();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the broker: a clean shutdown first, a kill if it takes longer than 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.close();
        }
    }

    private void format(Path config, Path log4j) throws IOException, InterruptedException {
        Path log = settings.dataDir().resolve("format.log");
        try (ChildProcess formatter = ChildProcess.start(
                "Kafka storage format",
                java(
                        log4j,
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        config.toString()),
                log)) {
            if (!formatter.waitFor(Duration.ofSeconds(60)) || formatter.exitValue() != 0) {
                throw new IOException("formatting the Kafka data folder failed; see " + log);
            }
        }
    }

    private List<String> java(Path log4j, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                ChildProcess.java(),
                "-Xms256m",
                "-Xmx512m",
                "-Dlog4j2.configurationFile=" + log4j,
                "-cp",
                settings.classpath(),
                mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private Path writeServerProperties() throws IOException {
        Properties server = new Properties();
        server.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + settings.controllerPort()),
                Map.entry(
                        "listeners",
                        "PLAINTEXT://127.0.0.1:" + settings.port() + ",CONTROLLER://127.0.0.1:"
                                + settings.controllerPort()),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + settings.port()),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", settings.logDir().toString()),
                // One broker: internal topics cannot have three replicas, and transactions need these at 1.
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("num.partitions", "3"),
                Map.entry("message.max.bytes", String.valueOf(2 * 1024 * 1024))));
        Path file = settings.dataDir().resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            server.store(out, "written by login-insights; edits are overwritten at the next start");
        }
        return file;
    }

    private Path writeLogConfig() throws IOException {
        Path file = settings.dataDir().resolve("broker-log4j2.properties");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "rootLogger.level = WARN",
                        "rootLogger.appenderRef.out.ref = Out",
                        "appender.out.name = Out",
                        "appender.out.type = Console",
                        "appender.out.layout.type = PatternLayout",
                        "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                        "logger.server.name = kafka.server.KafkaRaftServer",
                        "logger.server.level = INFO",
                        ""));
        return file;
    }

    private void awaitReady() throws InterruptedException, IOException {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin client = Admin.create(admin)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException(
                            "the Kafka broker exited at start (code " + process.exitValue() + "):\n" + tailOfLog());
                }
                try {
                    client.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    Thread.sleep(500);
                }
            }
        }
        close();
        throw new IOException(
                "the Kafka broker did not answer within " + READY_TIMEOUT.toSeconds() + " s:\n" + tailOfLog());
    }

    private String tailOfLog() {
        try {
            List<String> lines = Files.readAllLines(settings.dataDir().resolve("broker.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
