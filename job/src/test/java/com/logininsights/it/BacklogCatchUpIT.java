package com.logininsights.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.logininsights.common.broker.BrokerClients.Record;
import com.logininsights.testing.JobRun;
import com.logininsights.testing.KafkaBroker;
import com.logininsights.testing.Outputs;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backlog on four partitions, read from the earliest offsets as a job does after a restore or an outage: the
 * consumer gets around to its partitions one batch at a time, so a partition can deliver nothing for a while although
 * it holds records. It must go on holding event time back until they are read, or they arrive late and the windows
 * change. The input is in order, as a producer writes it (each event at most 2 s behind the latest, well inside the
 * 5 s out-of-orderness), so every window must equal the count worked out here, and nothing may be late.
 *
 * <p>{@code --idleness 200ms} makes the job decide about idleness many times while it catches up. It runs the local jar
 * as its own process, so {@code -Dlogininsights.jobJar=<another login-insights-local.jar>} runs the same test against
 * another build: the build before this test (1772589) set partitions aside on a timer and made events late here.
 */
class BacklogCatchUpIT {
    private static final Path JAR =
            Path.of(System.getProperty("logininsights.jobJar", "target/login-insights-local.jar"));
    private static final int PARTITIONS = 4;
    private static final int RECORDS = 240_000;
    /** As our generator writes at 6,000 records a second: 40 s of event time. */
    private static final int PER_SECOND = 6_000;

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @RegisterExtension
    static final KafkaBroker BROKER = new KafkaBroker();

    /** Whole seconds, in whole 10 s windows, an hour back, so that no event is ahead of the clock. */
    private final long baseSecond = (Instant.now().getEpochSecond() - 3600) / 10 * 10;

    @Test
    void aBacklogReadFromTheStartMakesNothingLateAndEveryWindowWhole(@TempDir Path folder) throws Exception {
        JobRun.createTopics(BROKER, "backlog", PARTITIONS);
        Map<Long, Long> expectedLogins = new TreeMap<>();
        BROKER.produce("backlog-in", backlog(expectedLogins));

        List<String> command = new ArrayList<>(
                List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx768m", "-jar", JAR.toString()));
        command.addAll(JobRun.flags(
                BROKER,
                "backlog",
                "--bounded",
                "--starting-offsets",
                "earliest",
                "--window",
                "10s",
                "--out-of-orderness",
                "5s",
                "--idleness",
                "200ms",
                "--parallelism",
                "1",
                "--web-ui-port",
                String.valueOf(freePort())));
        assertThat(JAR).as("the local jar; the package phase builds it").isRegularFile();
        Process run = new ProcessBuilder(command)
                .redirectOutput(folder.resolve("job.out").toFile())
                .redirectError(folder.resolve("job.err").toFile())
                .start();
        assertThat(run.waitFor(5, TimeUnit.MINUTES)).as("the bounded run ends").isTrue();
        assertThat(run.exitValue())
                .as("its exit code; the log is in %s", folder)
                .isZero();

        List<JsonNode> insights = Outputs.values(BROKER.readAllCommitted("backlog-insights", PATIENCE));
        Map<Long, Long> logins = new TreeMap<>();
        long lateEvents = 0;
        for (JsonNode insight : insights) {
            switch (insight.get("type").asText()) {
                case "summary" ->
                    logins.put(
                            Instant.parse(insight.get("window_start").asText()).getEpochSecond(),
                            insight.get("logins").asLong());
                case "late_event" -> lateEvents++;
                default -> {}
            }
        }
        assertThat(lateEvents).as("late events").isZero();
        assertThat(logins).as("logins per window start").isEqualTo(expectedLogins);
    }

    /**
     * The records, dealt round-robin over the partitions in the order they are written; each event's second is when
     * it was written, less a deterministic lag of 0 to 2 s. Counts each window's logins into {@code expected}.
     */
    private List<Record> backlog(Map<Long, Long> expected) {
        Random random = new Random(20261207L);
        List<Record> records = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            long second = baseSecond + i / PER_SECOND - random.nextInt(3);
            expected.merge(second / 10 * 10, 1L, Long::sum);
            records.add(Record.of(
                    i % PARTITIONS,
                    "{\"user_id\": \"user-" + (i % 5_000) + "\", \"device_type\": \""
                            + (i % 3 == 0 ? "iOS" : "android") + "\", \"locale\": \"TX\", \"timestamp\": " + second
                            + "}"));
        }
        return records;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
