package com.logininsights.tools.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.logininsights.common.broker.LocalKafkaBroker;
import com.logininsights.common.kafka.CommittedReader;
import com.logininsights.tools.JavaMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator (its main, in a JVM of its own) injects incidents into a real broker's topic, and its ground truth
 * says where every injected login went: each partition and offset holds exactly the login the line names.
 */
class GeneratorIncidentsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "user-login";
    private static final int RECORDS = 20_000;

    @TempDir
    static Path dir;

    private static LocalKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = LocalKafkaBroker.builder(dir.resolve("kafka")).build();
        broker.start();
        broker.clients().createTopic(TOPIC, 3);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyLoginOfTheGroundTruthIsWhereItSays() throws Exception {
        Path truthFile = dir.resolve("ground-truth.jsonl");
        long start = Instant.now().minus(Duration.ofHours(1)).getEpochSecond();
        // 10 s of sending, 100 s of event time: an incident every 5 s of it, each kind in turn.
        JavaMain.Outcome outcome = JavaMain.run(
                LoginEventGenerator.class,
                dir,
                "--bootstrap-servers",
                broker.bootstrapServers(),
                "--rate",
                "2000",
                "--time-lapse",
                "10",
                "--count",
                String.valueOf(RECORDS),
                "--partitions",
                "3",
                "--seed",
                "7",
                "--start-time",
                String.valueOf(start),
                "--incidents",
                "all",
                "--incident-every",
                "5s",
                "--watched-locales",
                "KP",
                "--minimum-app-version",
                "2.0",
                "--ground-truth",
                truthFile.toString());
        String output = outcome.stdout() + outcome.stderr();
        output.lines()
                .filter(l -> l.contains("incidents:") || l.contains("done:"))
                .forEach(System.out::println);
        assertThat(outcome.exitCode()).as(output).isZero();

        List<JsonNode> truth = new ArrayList<>();
        for (String line : Files.readAllLines(truthFile)) {
            truth.add(JSON.readTree(line));
        }
        Set<Long> incidents = new HashSet<>();
        truth.forEach(line -> incidents.add(line.get("incident").asLong()));
        assertThat(output)
                .contains("incidents: " + incidents.size() + " injected, " + incidents.size()
                        + " with every login delivered, 0 cut short");
        assertThat(truth)
                .extracting(line -> line.get("kind").asText())
                .contains("takeover", "burst", "shared_device", "shared_ip", "watched_locale", "outdated_version");

        Map<String, byte[]> topic = new HashMap<>(); // malformed records too: read only those the truth names
        for (ConsumerRecord<byte[], byte[]> record :
                CommittedReader.readAll(broker.bootstrapServers(), TOPIC, Duration.ofSeconds(60))) {
            topic.put(record.partition() + "/" + record.offset(), record.value());
        }
        Set<String> injected = new HashSet<>();
        for (JsonNode line : truth) {
            assertThat(line.get("complete").asBoolean()).as("%s", line).isTrue();
            Set<String> positions = new HashSet<>();
            for (JsonNode login : line.get("logins")) {
                assertThat(login.get("topic").asText()).isEqualTo(TOPIC);
                String position = login.get("partition").asInt() + "/"
                        + login.get("offset").asLong();
                assertThat(topic).as("a record at %s", position).containsKey(position);
                JsonNode record = JSON.readTree(topic.get(position));
                for (String field : List.of("user_id", "device_id", "ip", "locale", "app_version")) {
                    assertThat(record.get(field).asText())
                            .as("%s at %s", field, position)
                            .isEqualTo(login.get(field).asText());
                }
                assertThat(Instant.ofEpochSecond(record.get("timestamp").asLong())
                                .toString())
                        .isEqualTo(login.get("event_time").asText());
                positions.add(position);
                injected.add(position);
            }
            for (JsonNode source : line.get("sources")) {
                assertThat(positions)
                        .contains(source.get("partition").asInt() + "/"
                                + source.get("offset").asLong());
            }
        }
        assertThat(topic).hasSize(RECORDS + injected.size());
    }
}
