package com.logininsights.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.logininsights.common.broker.BrokerClients.Record;
import com.logininsights.config.JobConfig;
import com.logininsights.testing.JobRun;
import com.logininsights.testing.KafkaBroker;
import com.logininsights.testing.Outputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same input through the job twice, as a backfill ({@code --bounded}): once as it comes, once with {@code
 * --pseudonymise} and its key in a file. The insights are the same record for record (distinct users included);
 * the enriched events are the same but for {@code ip} and {@code device_id}, which are the keyed hashes of the
 * values sent, and no raw IP address or device id is left anywhere in the enriched topic. The alerts are the same:
 * the signals see the values as sent. The dead letters keep the
 * raw record, personal data included: the reason its readers must be few.
 */
class PseudonymisationIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String KEY = "pseudonym-key-of-the-test-4f1c9b2e7d";
    private static final int LOGINS = 300;

    @RegisterExtension
    @Order(1)
    static final KafkaBroker BROKER = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = JobRun.miniCluster();

    @Test
    void theInsightsAreTheSameAndTheEnrichedTopicHoldsNoRawIpOrDeviceId(@TempDir Path folder) throws Exception {
        Path keyFile = folder.resolve("pseudonym.key");
        Files.writeString(keyFile, KEY + "\n");
        JobConfig plain = JobRun.config(BROKER, "plain", "--bounded", "--window", "10s", "--parallelism", "2");
        JobConfig pseudonymised = JobRun.config(
                BROKER,
                "pseudonymised",
                "--bounded",
                "--window",
                "10s",
                "--parallelism",
                "2",
                "--pseudonymise",
                "--pseudonym-key-file",
                keyFile.toString());
        List<Record> input = input();
        for (JobConfig config : List.of(plain, pseudonymised)) {
            JobRun.createTopics(BROKER, config, 2);
            BROKER.produce(config.inputTopic(), input);
            JobRun.runToEnd(config);
        }

        Map<String, JsonNode> plainInsights = byKey(BROKER.readAllCommitted(plain.insightsTopic(), PATIENCE));
        Map<String, JsonNode> pseudonymisedInsights =
                byKey(BROKER.readAllCommitted(pseudonymised.insightsTopic(), PATIENCE));
        assertThat(plainInsights).as("insights, keyed by window and value").isNotEmpty();
        assertThat(pseudonymisedInsights).isEqualTo(plainInsights);
        assertThat(plainInsights.values())
                .as("insights counting distinct users")
                .anyMatch(insight -> insight.path("distinct_users").asInt() > 1);

        List<String> plainAlerts = withoutPosition(BROKER.readAllCommitted(plain.alertsTopic(), PATIENCE));
        assertThat(plainAlerts).as("alerts (users on a device new to them)").isNotEmpty();
        assertThat(withoutPosition(BROKER.readAllCommitted(pseudonymised.alertsTopic(), PATIENCE)))
                .as("the signals see the values as sent, with the option on or off")
                .isEqualTo(plainAlerts);

        List<ConsumerRecord<byte[], byte[]>> enriched =
                BROKER.readAllCommitted(pseudonymised.processedTopic(), PATIENCE);
        Map<String, JsonNode> plainEvents = byPosition(BROKER.readAllCommitted(plain.processedTopic(), PATIENCE));
        Map<String, JsonNode> pseudonymisedEvents = byPosition(enriched);
        assertThat(pseudonymisedEvents).hasSize(LOGINS).hasSameSizeAs(plainEvents);
        pseudonymisedEvents.forEach((position, event) -> {
            ObjectNode expected = plainEvents.get(position).deepCopy();
            for (String field : List.of("ip", "device_id")) {
                JsonNode raw = expected.get(field);
                if (!raw.isNull()) {
                    expected.put(field, hmacSha256Hex(field, raw.asText()));
                }
            }
            // Read from another topic, a moment later.
            expected.remove("source");
            ObjectNode actual = event.deepCopy();
            actual.remove("source");
            assertThat(actual).as("enriched event from %s", position).isEqualTo(expected);
        });
        assertThat(pseudonymisedEvents.values())
                .as("events without an ip keep it null")
                .anyMatch(event -> event.get("ip").isNull());

        for (ConsumerRecord<byte[], byte[]> record : enriched) {
            String bytes = new String(record.value(), StandardCharsets.UTF_8)
                    + new String(record.key(), StandardCharsets.UTF_8);
            assertThat(bytes).doesNotContain("10.20.").doesNotContain("device-");
        }
        List<JsonNode> deadLetters = Outputs.values(BROKER.readAllCommitted(pseudonymised.deadLetterTopic(), PATIENCE));
        assertThat(deadLetters)
                .as("the dead letter of a login without a user keeps its IP address")
                .anyMatch(letter -> letter.get("payload").asText().contains("10.20.9.9"));
    }

    /**
     * Logins of 40 users from 60 addresses and 50 devices over three windows (one in ten without an ip), in event
     * time order, and a rejected record that carries an address.
     */
    private static List<Record> input() {
        long start = (System.currentTimeMillis() / 10_000 - 60) * 10;
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < LOGINS; i++) {
            String ip = i % 10 == 3 ? "" : "\"ip\": \"10.20." + (i % 60) + "." + (i % 7) + "\", ";
            records.add(Record.of(
                    i % 2,
                    "{\"user_id\": \"user-" + (i % 40) + "\", \"device_type\": \"" + (i % 3 == 0 ? "ios" : "android")
                            + "\", " + ip + "\"locale\": \"DE\", \"device_id\": \"device-" + (i % 50)
                            + "\", \"timestamp\": " + (start + i / 10) + "}"));
        }
        records.add(Record.of(0, "{\"ip\": \"10.20.9.9\", \"timestamp\": " + start + "}"));
        return records;
    }

    /** Each alert as JSON, sorted, without its id and source, which name each run's own input topic. */
    private static List<String> withoutPosition(List<ConsumerRecord<byte[], byte[]>> records) {
        return Outputs.values(records).stream()
                .map(alert -> {
                    ObjectNode copy = alert.deepCopy();
                    copy.remove(List.of("id", "source"));
                    return copy.toString();
                })
                .sorted()
                .toList();
    }

    private static Map<String, JsonNode> byKey(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, JsonNode> byKey = new TreeMap<>();
        records.forEach(
                record -> byKey.put(new String(record.key(), StandardCharsets.UTF_8), Outputs.json(record.value())));
        return byKey;
    }

    private static Map<String, JsonNode> byPosition(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, JsonNode> byPosition = new TreeMap<>();
        for (JsonNode event : Outputs.values(records)) {
            byPosition.put(Outputs.sourcePosition(event), event);
        }
        return byPosition;
    }

    /** The pseudonym as docs/security.md says to compute it: {@code printf 'ip\0%s' VALUE | openssl dgst ...}. */
    private static String hmacSha256Hex(String field, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((field + '\0' + value).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
