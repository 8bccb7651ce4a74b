package com.logininsights.cluster;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one process) run from the Kafka jars as a child
 * process, with its data in a folder on disk, bound to 127.0.0.1 on ports chosen once. Unlike {@link LocalKafka}
 * (in the test JVM), it can be stopped and started again on the same data and the same ports, as an operator
 * restarts a broker: clients see the same address go away and come back with every topic, committed offset and
 * transaction it had.
 *
 * <p>The Kafka classes come from the tools module's jar (the playground runs its broker from the same jar).
 */
final class KafkaBrokerProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final Path classpath;
    private final int port;
    private final int controllerPort;
    private final Thread killOnExit = new Thread(this::kill, "kill-kafka-broker");
    private Process process;

    private KafkaBrokerProcess(Path dataDir, Path classpath, int port, int controllerPort) {
        this.dataDir = dataDir;
        this.classpath = classpath;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Formats a data folder and starts a broker on it; returns once it answers. */
    static KafkaBrokerProcess start(Path dataDir, Path kafkaClasspath) throws Exception {
        KafkaBrokerProcess broker = new KafkaBrokerProcess(
                dataDir, kafkaClasspath, StandaloneCluster.freePort(), StandaloneCluster.freePort());
        Files.createDirectories(dataDir);
        broker.writeConfiguration();
        broker.format();
        Runtime.getRuntime().addShutdownHook(broker.killOnExit);
        broker.startProcess();
        return broker;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    Path dataDir() {
        return dataDir;
    }

    long pid() {
        return process.pid();
    }

    Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(properties);
    }

    void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** Stops the broker cleanly (SIGTERM, as {@code kafka-server-stop.sh} does) and waits until it has exited. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the Kafka broker (PID " + process.pid() + ") did not stop within "
                    + STOP_TIMEOUT + " of SIGTERM; see " + log());
        }
    }

    /** Starts the broker again on the same data folder and ports; returns once it answers. */
    void startAgain() throws Exception {
        if (process.isAlive()) {
            throw new IllegalStateException("the Kafka broker is still running (PID " + process.pid() + ")");
        }
        startProcess();
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }

    private void kill() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void startProcess() throws Exception {
        process = new ProcessBuilder(java("kafka.Kafka", config().toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .start();
        awaitReady();
    }

    private void format() throws Exception {
        Path formatLog = dataDir.resolve("format.log");
        Process formatter = new ProcessBuilder(java(
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        config().toString()))
                .redirectErrorStream(true)
                .redirectOutput(formatLog.toFile())
                .start();
        if (!formatter.waitFor(90, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
            formatter.destroyForcibly();
            throw new IllegalStateException("formatting the Kafka data folder failed; see " + formatLog);
        }
    }

    private List<String> java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m",
                "-Xmx512m",
                "-Dlog4j2.configurationFile=" + dataDir.resolve("log4j2.properties"),
                "-cp",
                classpath.toString(),
                mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private void writeConfiguration() throws IOException {
        Map<String, String> server = new TreeMap<>(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", dataDir.resolve("kafka-logs").toString()),
                // One broker: internal topics cannot have three replicas, and transactions need these at 1.
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // Every topic is created by the test, with the partitions it means.
                Map.entry("auto.create.topics.enable", "false"),
                // Keep every record whatever its timestamp: the matrix replays input with a fixed start time, so the
                // enriched events (stamped with their event time) and the windows are months old, and time-based
                // retention (7 days by default) would delete them at the broker's next retention check.
                Map.entry("log.retention.ms", "-1"),
                // The generator's too_large records are 200 KiB.
                Map.entry("message.max.bytes", String.valueOf(2 * 1024 * 1024))));
        Properties properties = new Properties();
        properties.putAll(server);
        try (Writer out = Files.newBufferedWriter(config())) {
            properties.store(out, "a broker for the fault matrix; transactional.id.expiration.ms keeps its default");
        }
        Files.writeString(
                dataDir.resolve("log4j2.properties"),
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
    }

    private Path config() {
        return dataDir.resolve("server.properties");
    }

    Path log() {
        return dataDir.resolve("broker.log");
    }

    private void awaitReady() throws InterruptedException {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(properties)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "the Kafka broker exited at start (code " + process.exitValue() + "); see " + log());
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    Thread.sleep(200);
                }
            }
        }
        kill();
        throw new IllegalStateException("the Kafka broker did not answer within " + READY_TIMEOUT + "; see " + log());
    }
}
