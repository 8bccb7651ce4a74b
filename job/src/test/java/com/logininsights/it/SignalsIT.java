package com.logininsights.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.logininsights.common.broker.BrokerClients.Record;
import com.logininsights.config.JobConfig;
import com.logininsights.testing.FailOnceDeserializer;
import com.logininsights.testing.JobRun;
import com.logininsights.testing.KafkaBroker;
import com.logininsights.testing.Outputs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The signals end to end: logins through the real Kafka source, a failure injected between two batches, RocksDB with
 * incremental checkpoints, and the alerts read from their topic with isolation.level=read_committed: each incident
 * alerted exactly once, with its evidence.
 */
class SignalsIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @RegisterExtension
    @Order(1)
    static final KafkaBroker BROKER = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = JobRun.miniCluster();

    /** Three hours ago, so that the flush two hours on is still in the past. */
    private final long base = System.currentTimeMillis() / 60_000 * 60 - 3 * 3600;

    @Test
    void eachIncidentIsAlertedExactlyOnceThroughAFailure() throws Exception {
        JobConfig config = JobRun.config(
                BROKER,
                "signals",
                "--window",
                "10s",
                "--out-of-orderness",
                "1s",
                "--idleness",
                "5s",
                "--parallelism",
                "2",
                "--state-backend",
                "rocksdb",
                "--watched-locales",
                "KP",
                "--minimum-app-version",
                "2.0");
        JobRun.createTopics(BROKER, config, 2);
        JobClient job = JobRun.start(config, new FailOnceDeserializer(JobRun.realDeserializer(config)));
        try {
            List<Record> first = new ArrayList<>();
            first.add(login(0, "taken", 0, "d-taken", "TX", "3.1", "10.0.0.1"));
            for (int i = 0; i < 15; i++) { // 15 logins in 15 s: a burst (more than 10 within a minute)
                first.add(login(i % 2, "bot", 10 + i, "d-bot", "TX", "3.1", "10.0.0.2"));
            }
            for (int i = 0; i < 22; i++) { // 22 users on one address within 2 minutes: more than 20
                first.add(login(i % 2, String.format("u%02d", i), 30 + 5 * i, "d-u" + i, "TX", "3.1", "10.9.9.9"));
            }
            // After the shared address's last logins in each partition: a login older than those by more than the
            // out-of-orderness would be late, so whether it is alerted would depend on when a watermark passed.
            first.add(login(1, "old", 140, "d-old", "TX", "1.9.4", "10.0.0.3"));
            first.add(login(0, "spy", 145, "d-spy", "KP", "3.1", "10.0.0.4"));
            BROKER.produce(config.inputTopic(), first);

            FailOnceDeserializer.arm();
            // Ten minutes on, taken logs in from another device in another locale.
            BROKER.produce(
                    config.inputTopic(),
                    List.of(
                            login(1, "taken", 600, "d-other", "RU", "3.1", "10.0.0.5"),
                            login(0, "quiet-0", 605, "d-q0", "TX", "3.1", "10.0.1.0")));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!FailOnceDeserializer.fired() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(FailOnceDeserializer.fired())
                    .as("the injected failure happened")
                    .isTrue();
            // Two hours on, on both partitions: every episode has ended.
            BROKER.produce(
                    config.inputTopic(),
                    List.of(
                            login(0, "flush-0", 7200, "d-f0", "TX", "3.1", "10.0.2.0"),
                            login(1, "flush-1", 7200, "d-f1", "TX", "3.1", "10.0.2.1")));

            List<ConsumerRecord<byte[], byte[]>> read =
                    BROKER.readCommitted(config.alertsTopic(), PATIENCE, records -> records.size() >= 6);
            // A little longer, for anything that should not be there.
            read = BROKER.readCommitted(config.alertsTopic(), Duration.ofSeconds(5), records -> false);

            Map<String, JsonNode> byId = new TreeMap<>();
            for (JsonNode alert : Outputs.values(read)) {
                assertThat(byId.put(alert.get("id").asText(), alert))
                        .as("alert %s written once", alert.get("id"))
                        .isNull();
            }
            assertThat(byId.values())
                    .extracting(alert -> alert.get("signal").asText() + " "
                            + alert.get("subject").asText())
                    .containsExactlyInAnyOrder(
                            "new_device taken",
                            "locale_hop taken",
                            "burst bot",
                            "shared_ip 10.9.9.9",
                            "outdated_version old",
                            "watched_locale spy");
            JsonNode burst = only(byId, "burst");
            assertThat(burst.get("evidence").get("logins").asInt()).isEqualTo(15);
            assertThat(burst.get("event_time").asText()).isEqualTo(at(20)); // the 11th
            JsonNode shared = only(byId, "shared_ip");
            assertThat(shared.get("user_id").asText()).isEqualTo("u20"); // the 21st user
            assertThat(shared.get("evidence").get("user_ids")).hasSize(21);
            assertThat(shared.get("evidence").get("logins").asInt()).isEqualTo(2);
            JsonNode newDevice = only(byId, "new_device");
            assertThat(newDevice.get("evidence").get("previous_device_id").asText())
                    .isEqualTo("d-taken");
            assertThat(newDevice.get("source").get("partition").asInt()).isEqualTo(1);
            assertThat(newDevice.get("source").get("topic").asText()).isEqualTo(config.inputTopic());
            assertThat(read)
                    .as("keyed by what the alert is about")
                    .allSatisfy(record -> assertThat(new String(record.key()))
                            .isEqualTo(
                                    Outputs.json(record.value()).get("subject").asText()));
            assertThat(Outputs.values(BROKER.readAllCommitted(config.insightsTopic(), Duration.ofSeconds(5))))
                    .as("logins too late for the signals")
                    .noneMatch(insight -> insight.get("type").asText().startsWith("late"));
        } finally {
            job.cancel().get();
        }
    }

    private Record login(
            int partition, String user, int second, String device, String locale, String version, String ip) {
        return Record.of(
                partition,
                "{\"user_id\":\"" + user + "\",\"device_id\":\"" + device + "\",\"locale\":\"" + locale
                        + "\",\"app_version\":\"" + version + "\",\"ip\":\"" + ip + "\",\"timestamp\":"
                        + (base + second) + "}");
    }

    private String at(int second) {
        return Instant.ofEpochSecond(base + second).toString();
    }

    private static JsonNode only(Map<String, JsonNode> alerts, String signal) {
        return alerts.values().stream()
                .filter(alert -> alert.get("signal").asText().equals(signal))
                .findFirst()
                .orElseThrow();
    }
}
