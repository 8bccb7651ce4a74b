package com.logininsights.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.logininsights.common.broker.BrokerClients.Record;
import com.logininsights.testing.JobRun;
import com.logininsights.testing.KafkaBroker;
import com.logininsights.testing.Outputs;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local jar as a user runs it, {@code java -jar login-insights-local.jar}, each run its own process against a real
 * broker: a run stopped mid-window and started again keeps the window's state, a bounded run that keeps failing ends
 * with the cause, and a bad flag exits 2.
 */
class LocalRunIT {
    private static final Path JAR = Path.of("target/login-insights-local.jar");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @RegisterExtension
    static final KafkaBroker BROKER = new KafkaBroker();

    private final long base = (System.currentTimeMillis() / 10_000 - 360) * 10_000;

    @Test
    void aRunStoppedMidWindowResumesFromItsCheckpointAndTheWindowIsComplete(@TempDir Path folder) throws Exception {
        createTopics("resume", 2);
        createTopics("reference", 2);
        Path checkpoints = folder.resolve("checkpoints");

        // Window 0 (10 s): twelve logins by six users before the stop, eight by four more after it; a login at
        // 25 s on each partition then closes it. By hand: 20 logins, 10 users, 12 android and 8 ios.
        List<Record> beforeTheStop = logins(0, 12, 6);
        List<Record> afterTheStop = new ArrayList<>(logins(12, 8, 4));
        afterTheStop.add(login(0, 25, "closer", "android"));
        afterTheStop.add(login(1, 25, "closer", "android"));

        BROKER.produce("resume-in", beforeTheStop);
        Process first = start(jobFlags("resume", "--checkpoint-dir", checkpoints.toString()), folder, "first");
        // Committed output means a checkpoint completed after these records: their tally is in it.
        assertThat(BROKER.readCommitted("resume-processed", PATIENCE, read -> read.size() >= 12))
                .hasSize(12);
        stop(first); // as Ctrl-C does
        assertThat(completedCheckpoints(checkpoints))
                .as("checkpoints kept on disk")
                .isNotEmpty();

        BROKER.produce("resume-in", afterTheStop);
        Process second = start(jobFlags("resume", "--checkpoint-dir", checkpoints.toString()), folder, "second");
        JsonNode resumed;
        try {
            resumed = awaitSummary("resume-insights");
        } finally {
            stop(second);
        }

        // The same input, uninterrupted, to its own topics.
        BROKER.produce("reference-in", beforeTheStop);
        BROKER.produce("reference-in", afterTheStop);
        Process reference = start(jobFlags("reference", "--bounded"), folder, "reference");
        assertThat(reference.waitFor(3, TimeUnit.MINUTES))
                .as("the bounded reference run ends")
                .isTrue();
        assertThat(reference.exitValue()).isZero();
        JsonNode uninterrupted = awaitSummary("reference-insights");

        assertThat(resumed.get("logins").asLong()).isEqualTo(20);
        assertThat(resumed.get("distinct_users").asLong()).isEqualTo(10);
        assertThat(resumed.get("device_share").toString()).isEqualTo("{\"android\":0.6,\"ios\":0.4}");
        assertThat(resumed).isEqualTo(uninterrupted);
    }

    @Test
    void aBoundedRunThatKeepsFailingEndsWithItsCauseInOneLine(@TempDir Path folder) throws Exception {
        createTopics("failing", 2);
        BROKER.produce("failing-in", logins(0, 3, 3));
        // Smaller than any output record: every attempt to write one fails, after the start-up check (which sends
        // nothing) has passed.
        Process run =
                start(jobFlags("failing", "--bounded", "--kafka-property", "max.request.size=64"), folder, "failing");

        assertThat(run.waitFor(4, TimeUnit.MINUTES))
                .as("the run gives up and ends")
                .isTrue();
        assertThat(run.exitValue()).isEqualTo(1);
        assertThat(Files.readAllLines(folder.resolve("failing.err")))
                .filteredOn(line -> line.startsWith("login-insights: "))
                .singleElement()
                .asString()
                .startsWith("login-insights: the job failed, and restarting it did not help: ")
                .contains("max.request.size");
    }

    @Test
    void aBadFlagExitsWithCode2AndSaysWhich(@TempDir Path folder) throws Exception {
        Process run = start(List.of("--window", "nonsense"), folder, "bad-flag");

        assertThat(run.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(run.exitValue()).isEqualTo(2);
        assertThat(Files.readString(folder.resolve("bad-flag.err")))
                .startsWith("login-insights: Invalid value for option '--window'");
    }

    private List<String> jobFlags(String name, String... extra) throws IOException {
        List<String> flags = JobRun.flags(
                BROKER,
                name,
                "--starting-offsets",
                "earliest",
                "--window",
                "10s",
                "--idleness",
                "2s",
                "--parallelism",
                "2",
                "--web-ui-port",
                String.valueOf(freePort()));
        flags.addAll(List.of(extra));
        return flags;
    }

    private static Process start(List<String> flags, Path folder, String name) throws IOException {
        assertThat(JAR).as("the local jar; the package phase builds it").isRegularFile();
        List<String> command = new ArrayList<>(
                List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-jar", JAR.toString()));
        command.addAll(flags);
        return new ProcessBuilder(command)
                .redirectOutput(folder.resolve(name + ".out").toFile())
                .redirectError(folder.resolve(name + ".err").toFile())
                .start();
    }

    /** SIGTERM, as Ctrl-C in a terminal, then waits for the process to end. */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static List<Path> completedCheckpoints(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.getFileName().toString().equals("_metadata"))
                    .toList();
        }
    }

    private void createTopics(String name, int inputPartitions) throws Exception {
        JobRun.createTopics(BROKER, name, inputPartitions);
    }

    /** The summary of window 0, which must be written once. */
    private JsonNode awaitSummary(String topic) {
        List<JsonNode> summaries = windowZero(
                BROKER.readCommitted(topic, PATIENCE, read -> !windowZero(read).isEmpty()));
        assertThat(summaries).as("summaries of window 0 on %s", topic).hasSize(1);
        return summaries.get(0);
    }

    private List<JsonNode> windowZero(List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> read) {
        String window = Instant.ofEpochMilli(base).toString();
        return Outputs.values(read).stream()
                .filter(v -> v.get("type").asText().equals("summary"))
                .filter(v -> v.get("window_start").asText().equals(window))
                .toList();
    }

    /** {@code count} logins from the {@code first}-th on, by {@code users} users, a second apart in window 0. */
    private List<Record> logins(int first, int count, int users) {
        List<Record> records = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            int user = first + (i - first) % users;
            records.add(login(i % 2, 1 + (i % 8), "user-" + user, i % 5 < 3 ? "android" : "iOS"));
        }
        return records;
    }

    private Record login(int partition, int second, String user, String device) {
        return Record.of(
                partition,
                "{\"user_id\": \"" + user + "\", \"device_type\": \"" + device
                        + "\", \"locale\": \"TX\", \"timestamp\": " + (base / 1000 + second) + "}");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
