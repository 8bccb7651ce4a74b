package com.logininsights.common.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * The broker's JVM: {@code kafka.Kafka} on the configuration in its folder, its output appended to
 * {@code broker.log} there, in a session of its own where setsid exists (so that Ctrl-C in a terminal reaches only
 * its caller, which then stops it in its turn). Stopped by its PID.
 */
final class BrokerProcess {
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration KILL_AFTER = Duration.ofSeconds(30);
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final BrokerFolder folder;
    private final String classpath;
    private Process process;

    BrokerProcess(BrokerFolder folder, String classpath) {
        this.folder = folder;
        this.classpath = classpath;
    }

    /** Formats the folder the first time, as {@code kafka-storage.sh format} does. */
    void formatIfNew() throws IOException, InterruptedException {
        if (Files.exists(folder.logDir().resolve("meta.properties"))) {
            return;
        }
        Path formatLog = folder.path().resolve("format.log");
        Process formatter = new ProcessBuilder(java(
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        folder.serverProperties().toString()))
                .redirectErrorStream(true)
                .redirectOutput(formatLog.toFile())
                .start();
        if (!formatter.waitFor(FORMAT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            formatter.destroyForcibly();
            throw new IOException("formatting the Kafka data folder took over " + FORMAT_TIMEOUT.toSeconds() + " s:\n"
                    + tailOf(formatLog));
        }
        if (formatter.exitValue() != 0) {
            // The test's folder, and this log with it, is deleted when the test ends: the reason goes in the error.
            throw new IOException("formatting the Kafka data folder failed (code " + formatter.exitValue() + "):\n"
                    + tailOf(formatLog));
        }
    }

    /** Starts the broker and returns once it answers on {@code bootstrapServers}, or throws with its log's end. */
    void start(String bootstrapServers) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(java("kafka.Kafka", folder.serverProperties().toString()));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.log().toFile()))
                .start();
        awaitReady(bootstrapServers);
    }

    /** SIGTERM, as {@code kafka-server-stop.sh} does, and waits until the broker has exited. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the Kafka broker (PID " + process.pid() + ") did not stop within "
                    + STOP_TIMEOUT.toSeconds() + " s of SIGTERM; see " + folder.log());
        }
    }

    /** SIGTERM, and SIGKILL if the broker has not stopped within 30 s. */
    void kill() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(KILL_AFTER.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    private List<String> java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m",
                "-Xmx512m",
                "-Dlog4j2.configurationFile=" + folder.logConfig(),
                "-cp",
                classpath,
                mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private void awaitReady(String bootstrapServers) throws IOException, InterruptedException {
        Properties settings = new Properties();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(settings)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException("the Kafka broker exited at start (code " + process.exitValue() + "):\n"
                            + tailOf(folder.log()));
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
        throw new IOException(
                "the Kafka broker did not answer within " + READY_TIMEOUT.toSeconds() + " s:\n" + tailOf(folder.log()));
    }

    /** The log's last lines, without the stack frames that would crowd out the message they follow. */
    private static String tailOf(Path log) {
        try {
            List<String> lines = Files.readAllLines(log).stream()
                    .filter(line -> !line.stripLeading().startsWith("at "))
                    .toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
