package com.logininsights.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.logininsights.common.broker.BrokerClients.Record;
import com.logininsights.config.JobConfig;
import com.logininsights.testing.JobRun;
import com.logininsights.testing.KafkaBroker;
import com.logininsights.testing.LateRecordsDropped;
import com.logininsights.testing.Outputs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * (b) A scripted input over two partitions, with events out of order, late events, a record stamped in 2100, and
 * pauses longer than the idleness between the phases, so that both partitions go idle and resume. Windows are 10 s,
 * out-of-orderness 2 s, idleness 1 s; times below are seconds after a window-aligned base an hour ago. Every expected
 * figure is worked out by hand in the comments.
 */
class WindowFiguresIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    @Order(1)
    static final KafkaBroker BROKER = new KafkaBroker();

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = JobRun.miniCluster(2, METRICS);

    private final long base = (System.currentTimeMillis() / 10_000 - 360) * 10_000;

    private Record login(int partition, int second, String user, String device, String locale) {
        String deviceField = device == null ? "" : "\"device_type\": \"" + device + "\", ";
        return Record.of(
                partition,
                "{\"user_id\": \"" + user + "\", " + deviceField + "\"locale\": \"" + locale
                        + "\", \"app_version\": \"2.3.0\", \"ip\": \"1.2.3.4\", \"device_id\": \"d\", \"timestamp\": "
                        + (base / 1000 + second) + "}");
    }

    @Test
    void windowResultsEqualFiguresWorkedOutByHand() throws Exception {
        JobConfig config = JobRun.config(
                BROKER,
                "figures",
                "--window",
                "10s",
                "--out-of-orderness",
                "2s",
                "--idleness",
                "1s",
                "--parallelism",
                "2");
        JobRun.createTopics(BROKER, config, 2);
        JobClient job = JobRun.start(config, JobRun.realDeserializer(config));
        try {
            // Phase 1. Partition 1 is out of order (8 then 5) and then goes quiet; partition 0 runs on to 35 s,
            // so once partition 1 is idle the watermark reaches 33 s and windows 0, 10 and 20 close. The record
            // stamped 2100 is a dead letter and must not move the watermark, or every later event would be late.
            // Then both partitions are quiet: event time stays at 33 s.
            BROKER.produce(
                    config.inputTopic(),
                    List.of(
                            login(0, 1, "a", "android", "TX"),
                            login(0, 3, "b", "iOS", "tx"),
                            login(0, 12, "a", "android", "RU"),
                            Record.of(0, "{\"user_id\": \"z\", \"timestamp\": 4102444800}"),
                            login(0, 25, "c", "android", "TX"),
                            login(0, 35, "d", "iOS", "VA"),
                            login(1, 2, "c", "iOS", "RU"),
                            login(1, 8, "a", "android", "TX"),
                            login(1, 5, "b", null, "RU")));
            awaitSummary(config, 20);

            // Phase 2. Late: 4 s (window 0 closed) on partition 0 and 14 s (window 10 closed) on partition 1. Not
            // late: 33 s, since window 30 is still open. None of them moves event time past 33 s.
            BROKER.produce(
                    config.inputTopic(),
                    List.of(
                            login(0, 4, "e", "android", "CA"),
                            login(1, 14, "f", "iOS", "TX"),
                            login(0, 33, "g", "android", "TX")));
            // Phase 3. Partition 0 resumes first and alone: the watermark reaches 58 s and windows 30 and 40 close.
            // Then partition 1 passes 52 s, in window 50, which stays open. Had both resumed at once, whichever
            // spoke first would set event time after a pause in which both were idle: partition 1 at 61 s could
            // make partition 0's 45 s late. That is what idleness means, and not what this test is about.
            BROKER.produce(
                    config.inputTopic(), List.of(login(0, 45, "a", "iOS", "RU"), login(0, 60, "h", "android", "TX")));
            awaitSummary(config, 40);
            BROKER.produce(
                    config.inputTopic(), List.of(login(1, 52, "b", "android", "TX"), login(1, 61, "c", "iOS", "TX")));
            List<ConsumerRecord<byte[], byte[]>> insights = BROKER.readCommitted(
                    config.insightsTopic(), PATIENCE, read -> lateEvents(read).size() >= 2);
            Map<String, JsonNode> summaries = summaries(insights);

            // Window 0: a TX android, b TX ios, c RU ios, a TX android, b RU (no device). 5 logins by a, b, c.
            JsonNode window0 = summaries.get(at(0));
            assertThat(window0.get("logins").asLong()).isEqualTo(5);
            assertThat(window0.get("distinct_users").asLong()).isEqualTo(3);
            assertThat(window0.get("records_with_missing_fields").asLong()).isEqualTo(1);
            assertThat(window0.get("device_share").get("android").asDouble()).isEqualTo(0.4);
            assertThat(window0.get("device_share").get("ios").asDouble()).isEqualTo(0.4);
            assertThat(window0.get("device_share").get("unknown").asDouble()).isEqualTo(0.2);
            assertThat(window0.get("top_locales").toString())
                    .isEqualTo("[{\"locale\":\"TX\",\"logins\":3,\"distinct_users\":2},"
                            + "{\"locale\":\"RU\",\"logins\":2,\"distinct_users\":2}]");
            assertThat(window0.get("revision").asInt()).isZero();
            // Window 10: a's RU login only; the late 14 s login is not in it. Window 20: c only.
            assertThat(summaries.get(at(10)).get("logins").asLong()).isEqualTo(1);
            assertThat(summaries.get(at(20)).get("logins").asLong()).isEqualTo(1);
            // Window 30: d VA ios at 35 s and g TX android at 33 s.
            JsonNode window30 = summaries.get(at(30));
            assertThat(window30.get("logins").asLong()).isEqualTo(2);
            assertThat(window30.get("distinct_users").asLong()).isEqualTo(2);
            assertThat(window30.get("device_share").get("android").asDouble()).isEqualTo(0.5);
            // Window 40: a at 45 s. Window 50 is still open.
            assertThat(summaries.get(at(40)).get("logins").asLong()).isEqualTo(1);
            assertThat(summaries).doesNotContainKey(at(50));

            // Per-value rows of window 0: android by a twice (1 user), ios by b and c, TX by a, b and a.
            Map<String, JsonNode> rows = insights.stream()
                    .map(r -> Outputs.json(r.value()))
                    .filter(v -> v.get("type").asText().equals("dimension")
                            && v.get("window_start").asText().equals(at(0)))
                    .collect(Collectors.toMap(
                            v -> v.get("dimension").asText() + "="
                                    + v.get("value").asText(),
                            v -> v));
            assertThat(rows.get("device_type=android").get("logins").asLong()).isEqualTo(2);
            assertThat(rows.get("device_type=android").get("distinct_users").asLong())
                    .isEqualTo(1);
            assertThat(rows.get("device_type=ios").get("distinct_users").asLong())
                    .isEqualTo(2);
            assertThat(rows.get("device_type=unknown").get("logins").asLong()).isEqualTo(1);
            assertThat(rows.get("locale=TX").get("distinct_users").asLong()).isEqualTo(2);

            // The two late events are reported with the window they missed; nothing else was late.
            List<JsonNode> late = lateEvents(insights);
            assertThat(late)
                    .extracting(v -> v.get("user_id").asText() + "@"
                            + v.get("window_start").asText())
                    .containsExactlyInAnyOrder("e@" + at(0), "f@" + at(10));

            // Every summary was written once, and no window operator dropped anything unseen.
            assertThat(Outputs.keyCounts(insights).values()).containsOnly(1);
            assertThat(LateRecordsDropped.byOperator(METRICS, job.getJobID()))
                    .isNotEmpty()
                    .allSatisfy((operator, dropped) ->
                            assertThat(dropped).as(operator).isZero());

            // Every record is accounted for: 15 events, and the 2100 record as a dead letter.
            List<JsonNode> letters =
                    Outputs.values(BROKER.readCommitted(config.deadLetterTopic(), PATIENCE, read -> !read.isEmpty()));
            assertThat(letters)
                    .extracting(v ->
                            v.get("reason").asText() + ": " + v.get("payload").asText())
                    .containsExactly("timestamp_in_future: {\"user_id\": \"z\", \"timestamp\": 4102444800}");
            assertThat(BROKER.readCommitted(config.processedTopic(), PATIENCE, read -> read.size() >= 15))
                    .hasSize(15);
        } finally {
            job.cancel().get();
        }
    }

    private String at(int second) {
        return Instant.ofEpochMilli(base + second * 1000L).toString();
    }

    private List<ConsumerRecord<byte[], byte[]>> awaitSummary(JobConfig config, int second) {
        List<ConsumerRecord<byte[], byte[]>> insights = BROKER.readCommitted(
                config.insightsTopic(), PATIENCE, read -> summaries(read).containsKey(at(second)));
        assertThat(summaries(insights))
                .as("summary of the window at %d s", second)
                .containsKey(at(second));
        return insights;
    }

    private static Map<String, JsonNode> summaries(List<ConsumerRecord<byte[], byte[]>> insights) {
        return Outputs.values(insights).stream()
                .filter(v -> v.get("type").asText().equals("summary"))
                .collect(Collectors.toMap(v -> v.get("window_start").asText(), v -> v, (a, b) -> b));
    }

    private static List<JsonNode> lateEvents(List<ConsumerRecord<byte[], byte[]>> insights) {
        return Outputs.values(insights).stream()
                .filter(v -> v.get("type").asText().equals("late_event"))
                .toList();
    }
}
