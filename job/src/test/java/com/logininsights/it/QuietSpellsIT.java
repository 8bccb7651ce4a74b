package com.logininsights.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.logininsights.common.broker.BrokerClients.Record;
import com.logininsights.config.JobConfig;
import com.logininsights.testing.JobRun;
import com.logininsights.testing.KafkaBroker;
import com.logininsights.testing.LateRecordsDropped;
import com.logininsights.testing.Outputs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Traffic that pauses for longer than {@code --idleness} between every window, at parallelism above 1, with source
 * subtasks that own no partition and with subtasks that own several. Each pause lets every partition go idle; the
 * events after it close the window before it. Every window must then be on the insights topic with the figures
 * worked out below, no operator may drop a record as late, and no event is late: after each pause the partitions'
 * events lie within the out-of-orderness of each other, so whichever partition speaks first cannot make another's
 * events late.
 *
 * <p>Each run has {@value #STEPS} pauses, so each configuration gives a race between the two window phases as many
 * chances to show as {@value #STEPS} runs of a single pause would.
 */
class QuietSpellsIT {
    private static final int STEPS = 8;
    private static final Duration PAUSE = Duration.ofMillis(2500);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    @Order(1)
    static final KafkaBroker BROKER = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = JobRun.miniCluster(4, METRICS);

    private final long base = (System.currentTimeMillis() / 10_000 - 360) * 10_000;

    @ParameterizedTest(name = "parallelism {0}, {1} input partition(s)")
    @CsvSource({"2, 1", "4, 1", "2, 3", "4, 3"})
    void everyWindowBeforeAPauseIsWrittenWithItsFigures(int parallelism, int partitions) throws Exception {
        String name = "quiet-p" + parallelism + "-" + partitions;
        JobConfig config = config(name, parallelism, "--idleness", "1s");
        JobRun.createTopics(BROKER, config, partitions);
        JobClient job = JobRun.start(config, JobRun.realDeserializer(config));
        try {
            // Step k writes the logins of window k, at 6 to 8 s into it: with 5 s of out-of-orderness they close
            // window k - 1. Then every partition is quiet for longer than the idleness.
            for (int step = 0; step <= STEPS; step++) {
                BROKER.produce(config.inputTopic(), stepRecords(step, partitions));
                Thread.sleep(PAUSE.toMillis());
            }
            Map<Integer, JsonNode> summaries = awaitSummaries(config);
            Map<String, Long> droppedAsLate = LateRecordsDropped.byOperator(METRICS, job.getJobID());

            assertThat(summaries.keySet())
                    .as("windows written; records dropped as late: %s", droppedAsLate)
                    .containsAll(IntStream.range(0, STEPS).boxed().toList());
            for (int window = 0; window < STEPS; window++) {
                JsonNode summary = summaries.get(window);
                if (partitions == 1) {
                    // a on android, b on ios, a again on android: 3 logins, 2 users.
                    assertThat(summary.get("logins").asLong()).isEqualTo(3);
                    assertThat(summary.get("distinct_users").asLong()).isEqualTo(2);
                    assertThat(summary.get("device_share").get("android").asDouble())
                            .isEqualTo(0.6667);
                } else {
                    // a, b, c on their own partitions, and a again on the last: 4 logins, 3 users.
                    assertThat(summary.get("logins").asLong()).isEqualTo(4);
                    assertThat(summary.get("distinct_users").asLong()).isEqualTo(3);
                    assertThat(summary.get("device_share").get("android").asDouble())
                            .isEqualTo(0.75);
                }
                assertThat(summary.get("revision").asInt()).isZero();
            }
            assertThat(summaries)
                    .as("window %d stays open: nothing after it closes it", STEPS)
                    .doesNotContainKey(STEPS);

            List<JsonNode> insights = Outputs.values(BROKER.readAllCommitted(config.insightsTopic(), PATIENCE));
            assertThat(insights)
                    .extracting(v -> v.get("type").asText())
                    .contains("summary")
                    .doesNotContain("late_event");
            assertThat(droppedAsLate)
                    .as("records dropped as late, per operator")
                    .isNotEmpty()
                    .allSatisfy((operator, dropped) ->
                            assertThat(dropped).as(operator).isZero());
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void withAdvanceAfterQuietTheLastWindowClosesOnceEveryPartitionHasBeenQuiet() throws Exception {
        JobConfig config = config("quiet-advance", 2, "--idleness", "1s", "--advance-after-quiet", "3s");
        JobRun.createTopics(BROKER, config, 3);
        JobClient job = JobRun.start(config, JobRun.realDeserializer(config));
        try {
            // The only traffic there is: window 0's logins, the latest 8 s into the window. With 5 s of
            // out-of-orderness the window closes once event time has moved on 7 s from there: after 3 s of quiet
            // it follows the clock, so about 7 s after these records are read.
            BROKER.produce(config.inputTopic(), stepRecords(0, 3));
            Map<Integer, JsonNode> summaries = summaries(BROKER.readCommitted(
                    config.insightsTopic(),
                    PATIENCE,
                    records -> summaries(records).containsKey(0)));

            assertThat(summaries.get(0)).as("summary of the last window").isNotNull();
            assertThat(summaries.get(0).get("logins").asLong()).isEqualTo(4);
            assertThat(summaries.get(0).get("distinct_users").asLong()).isEqualTo(3);
            assertThat(LateRecordsDropped.byOperator(METRICS, job.getJobID()))
                    .allSatisfy((operator, dropped) ->
                            assertThat(dropped).as(operator).isZero());
        } finally {
            job.cancel().get();
        }
    }

    /**
     * At parallelism 1, where the three partitions share one source subtask and resume together. Across subtasks they
     * do not wait for each other: at parallelism 2 (partitions 0 and 2 on one subtask, 1 on the other) this case made
     * a late event in 2 of 5 runs on 2026-12-07, a known limitation (docs/reliability.md).
     */
    @Test
    void afterAPauseThePartitionReadFirstDoesNotMakeTheOthersLate() throws Exception {
        JobConfig config = config("quiet-resume-apart", 1, "--idleness", "3s");
        JobRun.createTopics(BROKER, config, 3);
        Duration pause = Duration.ofMillis(4500);
        JobClient job = JobRun.start(config, JobRun.realDeserializer(config));
        try {
            BROKER.produce(
                    config.inputTopic(),
                    List.of(login(0, 0, 6, "a", "android"), login(1, 0, 6, "b", "iOS"), login(2, 0, 6, "c", "iOS")));
            // Long enough for the partitions' first warm-up, which starts when the job reads them, to be over too.
            Thread.sleep(pause.multipliedBy(2).toMillis());
            // Traffic resumes on partition 0 first, 15 s ahead of partition 1: had partition 0's watermark counted
            // at once, it would have closed window 1 before partition 1's login in it was read.
            BROKER.produce(config.inputTopic(), List.of(login(0, 2, 7, "a", "android")));
            Thread.sleep(500);
            BROKER.produce(config.inputTopic(), List.of(login(1, 1, 2, "b", "iOS"), login(2, 2, 6, "c", "android")));
            Thread.sleep(pause.toMillis());
            BROKER.produce(
                    config.inputTopic(),
                    List.of(login(0, 4, 5, "a", "iOS"), login(1, 4, 5, "b", "iOS"), login(2, 4, 5, "c", "iOS")));

            Map<Integer, JsonNode> summaries = summaries(BROKER.readCommitted(
                    config.insightsTopic(),
                    PATIENCE,
                    records -> summaries(records).containsKey(2)));
            List<JsonNode> insights = Outputs.values(BROKER.readAllCommitted(config.insightsTopic(), PATIENCE));

            assertThat(insights)
                    .extracting(v -> v.get("type").asText())
                    .contains("summary")
                    .doesNotContain("late_event");
            assertThat(summaries.get(0).get("logins").asLong()).isEqualTo(3);
            assertThat(summaries.get(1).get("logins").asLong()).isEqualTo(1);
            assertThat(summaries.get(2).get("logins").asLong()).isEqualTo(2);
            assertThat(LateRecordsDropped.byOperator(METRICS, job.getJobID()))
                    .allSatisfy((operator, dropped) ->
                            assertThat(dropped).as(operator).isZero());
        } finally {
            job.cancel().get();
        }
    }

    /**
     * A job stopped with {@code --drain} fires its open windows by sending the end of event time downstream. Flink
     * drops a watermark that a source subtask sends while it is idle, so a drain after every partition went quiet
     * must first make the source active again, or the last windows are never written.
     */
    @Test
    void drainedAfterEveryPartitionWentQuietTheLastWindowIsStillWritten(@TempDir Path savepoints) throws Exception {
        JobConfig config = config("quiet-drain", 2, "--idleness", "1s");
        JobRun.createTopics(BROKER, config, 3);
        JobClient job = JobRun.start(config, JobRun.realDeserializer(config));
        BROKER.produce(config.inputTopic(), stepRecords(0, 3));
        BROKER.readCommitted(config.processedTopic(), PATIENCE, records -> records.size() == 4);
        // Every partition read to its end and quiet for longer than the idleness: the source subtasks are idle.
        Thread.sleep(4_000);

        job.stopWithSavepoint(true, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);

        Map<Integer, JsonNode> summaries = summaries(BROKER.readAllCommitted(config.insightsTopic(), PATIENCE));
        assertThat(summaries).as("the window open when the job was drained").containsKey(0);
        assertThat(summaries.get(0).get("logins").asLong()).isEqualTo(4);
    }

    /** 10 s windows and 5 s of out-of-orderness, as every step below assumes, with the test's own flags. */
    private static JobConfig config(String name, int parallelism, String... flags) {
        List<String> args = new ArrayList<>(
                List.of("--window", "10s", "--out-of-orderness", "5s", "--parallelism", String.valueOf(parallelism)));
        args.addAll(List.of(flags));
        return JobRun.config(BROKER, name, args.toArray(String[]::new));
    }

    /** The logins of window {@code step}; with one partition all on partition 0, else spread over three. */
    private List<Record> stepRecords(int step, int partitions) {
        List<Record> records = new ArrayList<>();
        if (partitions == 1) {
            records.add(login(0, step, 6, "a", "android"));
            records.add(login(0, step, 7, "b", "iOS"));
            records.add(login(0, step, 8, "a", "android"));
        } else {
            records.add(login(0, step, 6, "a", "android"));
            records.add(login(1, step, 7, "b", "iOS"));
            records.add(login(2, step, 8, "c", "android"));
            records.add(login(2, step, 8, "a", "android"));
        }
        return records;
    }

    private Record login(int partition, int window, int second, String user, String device) {
        long seconds = base / 1000 + window * 10L + second;
        return Record.of(
                partition,
                "{\"user_id\": \"" + user + "\", \"device_type\": \"" + device
                        + "\", \"locale\": \"TX\", \"timestamp\": " + seconds + "}");
    }

    private Map<Integer, JsonNode> awaitSummaries(JobConfig config) {
        List<ConsumerRecord<byte[], byte[]>> read = BROKER.readCommitted(
                config.insightsTopic(), PATIENCE, records -> summaries(records).containsKey(STEPS - 1));
        return summaries(read);
    }

    /** Summaries by window number. */
    private Map<Integer, JsonNode> summaries(List<ConsumerRecord<byte[], byte[]>> records) {
        return Outputs.values(records).stream()
                .filter(v -> v.get("type").asText().equals("summary"))
                .collect(Collectors.toMap(
                        v -> (int)
                                ((Instant.parse(v.get("window_start").asText()).toEpochMilli() - base) / 10_000),
                        v -> v,
                        (a, b) -> b,
                        TreeMap::new));
    }
}
