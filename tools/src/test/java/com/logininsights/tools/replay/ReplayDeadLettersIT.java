package com.logininsights.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.logininsights.common.Ports;
import com.logininsights.common.Topics;
import com.logininsights.common.broker.LocalKafkaBroker;
import com.logininsights.tools.Checkout;
import com.logininsights.tools.ChildProcess;
import com.logininsights.tools.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay tool with the real job: a broker from the Kafka jars and {@code login-insights-local.jar}, each a child
 * process. Records the job rejects come back through the tool and the job, and are found in the enriched topic.
 *
 * <p>The two flows share the job; the second restarts it with a changed flag, which is its premise.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayDeadLettersIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration AWAIT = Duration.ofSeconds(90);
    /** The job's logs stay after the test, beside its report: they are what to read when it fails. */
    private static final Path LOGS = Path.of("target", "failsafe-reports", "ReplayDeadLettersIT-job-logs");

    @TempDir
    static Path dir;

    private static LocalKafkaBroker broker;
    private static ChildProcess job;

    @BeforeAll
    static void startBrokerTopicsAndJob() throws Exception {
        broker = LocalKafkaBroker.builder(dir.resolve("kafka")).build();
        broker.start();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, (Object) broker.bootstrapServers()))) {
            admin.createTopics(Topics.DEFAULT.toCreate(1)).all().get(30, TimeUnit.SECONDS);
        }
        Files.createDirectories(LOGS);
        job = startJob("1m");
    }

    @AfterAll
    static void stopJobAndBroker() throws Exception {
        if (job != null) {
            job.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void deadLettersExportedFixedByHandAndProducedBackReachTheEnrichedTopic() throws Exception {
        Instant since = Instant.now();
        long now = since.getEpochSecond();
        try (KafkaProducer<String, String> upstream = producer()) {
            for (int i = 0; i < 3; i++) {
                upstream.send(new ProducerRecord<>(
                        "user-login",
                        i == 2 ? null : "device-" + i,
                        "{\"timestamp\": " + now + ", \"device_type\": \"iOS\", \"locale\": \"tx\", \"mark\": " + i
                                + "}"));
            }
            upstream.send(new ProducerRecord<>("user-login", "{\"user_id\": 42, \"timestamp\": " + now + "}"));
        }
        List<JsonNode> rejected = awaitRecords(
                "user-login-dlq",
                letters -> count(letters, since, "missing_user_id") == 3 && count(letters, since, "wrong_type") == 1);
        Path file = dir.resolve("missing-user-id.jsonl");
        long inputEnd = endOffset("user-login");

        Run export =
                run("export", "--out", file.toString(), "--reason", "missing_user_id", "--since", since.toString());

        assertThat(export.exitCode()).as(export.screen()).isZero();
        assertThat(export.screen())
                .contains("Read " + rejected.size() + " dead letters from user-login-dlq on ")
                .contains("Selected 3 (reason missing_user_id, written to the input topic from " + since
                        + "): missing_user_id 3.")
                .contains("Wrote 3 to " + file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        for (String line : lines) {
            JsonNode letter = JSON.readTree(line);
            assertThat(letter.get("reason").asText()).isEqualTo("missing_user_id");
            assertThat(letter.get("source").get("topic").asText()).isEqualTo("user-login");
            assertThat(letter.get("source").get("offset").asLong()).isLessThan(inputEnd);
            assertThat(letter.get("payload").asText()).startsWith("{\"timestamp\": " + now);
        }
        assertThat(lines)
                .anySatisfy(line -> assertThat(line).contains("\"key\":\"device-0\",\"key_encoding\":\"utf8\""));

        // Fixed by hand: each payload gets the user id it lacked.
        List<String> fixed = new ArrayList<>();
        for (String line : lines) {
            ObjectNode letter = (ObjectNode) JSON.readTree(line);
            String payload = letter.get("payload").asText();
            String mark = payload.replaceAll(".*\"mark\": (\\d+).*", "$1");
            letter.put(
                    "payload",
                    payload.replace("{\"timestamp\"", "{\"user_id\": \"fixed-" + mark + "\", \"timestamp\""));
            fixed.add(JSON.writeValueAsString(letter));
        }
        Files.write(file, fixed);

        Run dryRun = run("produce", "--from-file", file.toString(), "--dry-run");

        assertThat(dryRun.exitCode()).as(dryRun.screen()).isZero();
        assertThat(dryRun.screen().lines().filter(line -> line.startsWith("would send to user-login: ")))
                .hasSize(3)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("would send to user-login: key device-0, value {\"user_id\": \"fixed-0\"")
                        .contains("(replays user-login/0/"));
        assertThat(dryRun.screen()).contains("Dry run: would send 3 records to user-login; sent nothing.");
        assertThat(endOffset("user-login")).as("a dry run sends nothing").isEqualTo(inputEnd);

        Run produce = run("produce", "--from-file", file.toString());

        assertThat(produce.exitCode()).as(produce.screen()).isZero();
        assertThat(produce.screen()).contains("Sent 3 records to user-login");
        List<JsonNode> enriched = awaitRecords(
                "user-login-processed",
                events -> userIds(events).containsAll(List.of("fixed-0", "fixed-1", "fixed-2")));
        assertThat(userIds(enriched)).filteredOn(id -> id.startsWith("fixed-")).hasSize(3);
        assertThat(enriched)
                .filteredOn(event -> event.get("user_id").asText().equals("fixed-0"))
                .singleElement()
                .satisfies(event -> {
                    assertThat(event.get("device_type").asText()).isEqualTo("ios");
                    assertThat(event.get("locale").asText()).isEqualTo("TX");
                    assertThat(event.get("source").get("offset").asLong()).isGreaterThanOrEqualTo(inputEnd);
                });
        List<ConsumerRecord<byte[], byte[]>> replayed = readFrom("user-login", inputEnd);
        assertThat(replayed).hasSize(3);
        assertThat(replayed)
                .extracting(record -> record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("device-0", "device-1", null);
        assertThat(replayed)
                .allSatisfy(record -> assertThat(new String(
                                record.headers()
                                        .lastHeader(InputTopic.REPLAY_OF_HEADER)
                                        .value(),
                                StandardCharsets.UTF_8))
                        .startsWith("user-login/0/"));
    }

    @Test
    @Order(2)
    void afterAFixInTheJobDeadLettersGoStraightBackAndTruncatedOnesAreSkipped() throws Exception {
        Instant since = Instant.now();
        long inHalfAnHour = since.getEpochSecond() + 1_800;
        try (KafkaProducer<String, String> upstream = producer()) {
            upstream.send(new ProducerRecord<>(
                    "user-login", "device-f", "{\"user_id\": \"future-0\", \"timestamp\": " + inHalfAnHour + "}"));
            upstream.send(new ProducerRecord<>(
                    "user-login", "{\"user_id\": \"future-1\", \"timestamp\": " + inHalfAnHour + "}"));
            upstream.send(new ProducerRecord<>(
                    "user-login",
                    "{\"user_id\": \"big\", \"timestamp\": " + since.getEpochSecond() + ", \"pad\": \""
                            + "x".repeat(3000) + "\"}"));
            upstream.send(new ProducerRecord<>("user-login", "not json at all"));
        }
        awaitRecords(
                "user-login-dlq",
                letters -> count(letters, since, "timestamp_in_future") == 2
                        && count(letters, since, "too_large") == 1
                        && count(letters, since, "not_json") == 1);
        // The fix: the job now accepts events stamped up to 45 minutes ahead (the broker refuses record timestamps more
        // than an hour ahead by default). It resumes from its committed offsets,
        // so the records it rejected are not read again: only the replay can bring them back.
        awaitCommittedOffset(endOffset("user-login"));
        job.close();
        job = startJob("45m");
        long inputEnd = endOffset("user-login");
        String[] selection = {"--reason", "timestamp_in_future,too_large", "--since", since.toString()};

        Run dryRun = run(concat(new String[] {"produce", "--dry-run"}, selection));

        assertThat(dryRun.exitCode()).as(dryRun.screen()).isZero();
        assertThat(dryRun.screen().lines().filter(line -> line.startsWith("would send to user-login: ")))
                .hasSize(2);
        assertThat(dryRun.screen())
                .contains("Selected 2 (reason timestamp_in_future or too_large, written to the input topic from "
                        + since + "): timestamp_in_future 2.")
                .contains("Skipped 1 too_large: the job kept only the first bytes of a record that large,")
                .contains("Dry run: would send 2 records to user-login; sent nothing.");
        assertThat(endOffset("user-login")).as("a dry run sends nothing").isEqualTo(inputEnd);

        Run produce = run(concat(new String[] {"produce"}, selection));

        assertThat(produce.exitCode()).as(produce.screen()).isZero();
        assertThat(produce.screen()).contains("Sent 2 records to user-login");
        List<JsonNode> enriched = awaitRecords(
                "user-login-processed", events -> userIds(events).containsAll(List.of("future-0", "future-1")));
        assertThat(enriched)
                .filteredOn(event -> event.get("user_id").asText().startsWith("future-"))
                .hasSize(2)
                .allSatisfy(event ->
                        assertThat(event.get("source").get("offset").asLong()).isGreaterThanOrEqualTo(inputEnd));
        assertThat(readFrom("user-login", inputEnd))
                .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder(
                        "{\"user_id\": \"future-0\", \"timestamp\": " + inHalfAnHour + "}",
                        "{\"user_id\": \"future-1\", \"timestamp\": " + inHalfAnHour + "}");
    }

    private record Run(int exitCode, String screen) {}

    /** The tool in this JVM, as scripts/replay-dead-letters runs it, against this test's broker. */
    private static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        System.setOut(new PrintStream(screen, true, StandardCharsets.UTF_8));
        try {
            int exitCode = Cli.execute(
                    new ReplayDeadLetters(),
                    concat(args, new String[] {"--bootstrap-servers", broker.bootstrapServers()}));
            return new Run(exitCode, screen.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    private static ChildProcess startJob(String maxFutureSkew) throws IOException {
        Path jar = Checkout.root().resolve("job/target/login-insights-local.jar");
        assertThat(jar).as("build it first: ./mvnw -B -ntp package -DskipTests").exists();
        Path log = LOGS.resolve("job-" + maxFutureSkew + ".log");
        Files.deleteIfExists(log); // a log of this run only
        return ChildProcess.start(
                "job",
                List.of(
                        ChildProcess.java(),
                        "-Xmx768m",
                        "-jar",
                        jar.toString(),
                        "--bootstrap-servers",
                        broker.bootstrapServers(),
                        "--group-id",
                        "replay-it",
                        "--checkpoint-interval",
                        "1s",
                        "--parallelism",
                        "1",
                        "--max-record-bytes",
                        "2048",
                        "--max-future-skew",
                        maxFutureSkew,
                        "--web-ui-port",
                        String.valueOf(Ports.free())),
                log);
    }

    private static void awaitCommittedOffset(long offset) throws Exception {
        TopicPartition input = new TopicPartition("user-login", 0);
        long deadline = System.nanoTime() + AWAIT.toNanos();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, (Object) broker.bootstrapServers()))) {
            while (true) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("replay-it")
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS)
                        .get(input);
                if (committed != null && committed.offset() >= offset) {
                    return;
                }
                assertThat(System.nanoTime())
                        .as("the job commits offset %d", offset)
                        .isLessThan(deadline);
                Thread.sleep(200);
            }
        }
    }

    private static KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<byte[], byte[]> committedConsumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Every committed record of the topic's one partition, read again until they satisfy the condition. */
    private static List<JsonNode> awaitRecords(String topic, Predicate<List<JsonNode>> condition) throws Exception {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        List<JsonNode> values = new ArrayList<>();
        while (!condition.test(values)) {
            assertThat(System.nanoTime())
                    .as("%s within %s; the job's logs are in %s", topic, AWAIT, LOGS.toAbsolutePath())
                    .isLessThan(deadline);
            Thread.sleep(500);
            values = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : readFrom(topic, 0)) {
                values.add(JSON.readTree(record.value()));
            }
        }
        return values;
    }

    /** The committed records of the topic's one partition from an offset up to its end now. */
    private static List<ConsumerRecord<byte[], byte[]>> readFrom(String topic, long offset) {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = committedConsumer()) {
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            consumer.seek(partition, offset);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static long endOffset(String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = committedConsumer()) {
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    private static long count(List<JsonNode> letters, Instant since, String reason) {
        return letters.stream()
                .filter(letter -> letter.get("reason").asText().equals(reason))
                .filter(letter -> !Instant.parse(
                                letter.get("source").get("timestamp").asText())
                        .isBefore(since))
                .count();
    }

    private static List<String> userIds(List<JsonNode> events) {
        return events.stream().map(event -> event.get("user_id").asText()).toList();
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
