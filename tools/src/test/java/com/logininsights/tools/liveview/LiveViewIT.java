package com.logininsights.tools.liveview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logininsights.common.Topics;
import com.logininsights.common.broker.LocalKafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live view against a real broker (a child process from the Kafka jars), fed records shaped and committed the
 * way the job commits them: the three topics in one transaction per checkpoint, several window summaries in one
 * transaction, summaries committed together with the next window's records, some committed before the view starts.
 * Each window must show exactly the input that arrived during it, and say when it could not see all of it, and the
 * alerts its logins fired, from an alerts topic that may only appear while the view runs.
 */
class LiveViewIT {
    private static final Topics TOPICS = new Topics("user-login", "live-processed", "live-dlq", "live-insights");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @TempDir
    static Path dataDir;

    private static LocalKafkaBroker broker;
    private long offset;

    @BeforeAll
    static void startBrokerAndCreateTopics() throws Exception {
        broker = LocalKafkaBroker.builder(dataDir.resolve("kafka")).build();
        broker.start();
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            admin.createTopics(List.of(
                            new NewTopic(TOPICS.processed(), 3, (short) 1),
                            new NewTopic(TOPICS.deadLetters(), 1, (short) 1),
                            new NewTopic(TOPICS.insights(), 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void eachWindowCountsTheInputThatArrivedDuringItHoweverItWasCommittedAndRead() throws Exception {
        long a = System.currentTimeMillis() / 10_000 * 10_000 - 60_000;
        long b = a + 10_000;
        long c = b + 10_000;
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (KafkaProducer<String, String> job = transactionalProducer()) {
            job.initTransactions();

            job.beginTransaction(); // committed before the view starts: the view cannot count it
            sendEnriched(job, a, a + 1_000, 10);
            sendDeadLetters(job, a + 500, "empty", 2);
            job.commitTransaction();
            // the markers that make it visible reach the partitions after commitTransaction returns
            broker.clients().awaitTransactionMarkers(TOPICS.processed(), PATIENCE);
            broker.clients().awaitTransactionMarkers(TOPICS.deadLetters(), PATIENCE);

            try (LiveView view = LiveView.open(
                    broker.bootstrapServers(),
                    Map.of(),
                    TOPICS,
                    "live-alerts-never-created",
                    new PrintStream(screen, true, StandardCharsets.UTF_8),
                    Duration.ofSeconds(30))) {
                assertThat(view.countedAfter()).contains(Instant.ofEpochMilli(a + 900));

                job.beginTransaction(); // a checkpoint: the rest of a, the start of b
                sendEnriched(job, a + 1_000, b, 40);
                sendDeadLetters(job, a + 5_000, "empty", 4);
                sendEnriched(job, b, b + 5_000, 15);
                sendDeadLetters(job, b + 1_000, "not_json", 3);
                job.commitTransaction();

                job.beginTransaction(); // a restart rewrites these: read_committed readers never see them
                sendEnriched(job, b, c, 500);
                sendDeadLetters(job, b + 2_000, "not_json", 50);
                job.flush();
                job.abortTransaction();

                job.beginTransaction(); // the next: two summaries back to back, the rest of b, all of c
                sendSummary(job, a);
                sendSummary(job, b);
                sendLateEvent(job, a);
                sendEnriched(job, b + 5_000, c, 15);
                sendDeadLetters(job, b + 6_000, "not_json", 1);
                sendDeadLetters(job, b + 7_000, "missing_user_id", 2);
                sendEnriched(job, c, c + 10_000, 20);
                job.commitTransaction();

                job.beginTransaction();
                sendSummary(job, c);
                job.commitTransaction();

                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (view.summaries().size() < 3 && System.nanoTime() < deadline) {
                    view.pollOnce(Duration.ofMillis(200));
                }

                String shown = screen.toString(StandardCharsets.UTF_8);
                assertThat(view.summaries()).as(shown).hasSize(3);
                assertThat(windowReport(shown, a))
                        .contains("  dead letters 4 of 44 records that arrived in this window (9.1%): empty 4\n"
                                + "               counted after " + TIME.format(Instant.ofEpochMilli(a + 900))
                                + ": the job had committed the earlier ones before this view started\n");
                assertThat(windowReport(shown, b))
                        .contains("  dead letters 6 of 36 records that arrived in this window (16.7%):"
                                + " missing_user_id 2, not_json 4\n")
                        .doesNotContain("counted after");
                assertThat(windowReport(shown, c))
                        .contains("  dead letters 0 of 20 records that arrived in this window (0.0%)\n")
                        .contains("  late events  1 (counted in no window)\n");
                assertThat(shown).doesNotContain("0 of 0");
                assertThat(view.deadLettersByReason())
                        .isEqualTo(Map.of("empty", 4L, "not_json", 4L, "missing_user_id", 2L));
                assertThat(view.lateEvents()).isEqualTo(1);
                assertThat(view.followsAlerts()).isFalse();
                assertThat(shown).as("no alerts topic, no alerts lines").doesNotContain("alerts");
            }
        }
    }

    @Test
    void alertsCountInTheWindowOfTheLoginThatFiredThemOnceTheirTopicAppears() throws Exception {
        Topics topics = new Topics("user-login", "alerted-processed", "alerted-dlq", "alerted-insights");
        String alertsTopic = "alerted-alerts";
        try (Admin admin = admin()) {
            admin.createTopics(List.of(
                            new NewTopic(topics.processed(), 1, (short) 1),
                            new NewTopic(topics.deadLetters(), 1, (short) 1),
                            new NewTopic(topics.insights(), 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        long a = System.currentTimeMillis() / 10_000 * 10_000 - 60_000;
        long b = a + 10_000;
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (KafkaProducer<String, String> job = transactionalProducer();
                LiveView view = LiveView.open(
                        broker.bootstrapServers(),
                        Map.of(),
                        topics,
                        alertsTopic,
                        new PrintStream(screen, true, StandardCharsets.UTF_8),
                        Duration.ofSeconds(30))) {
            assertThat(view.followsAlerts()).as("no alerts topic yet").isFalse();
            view.pollOnce(Duration.ofMillis(200));
            job.initTransactions();

            try (Admin admin = admin()) {
                admin.createTopics(List.of(new NewTopic(alertsTopic, 2, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            job.beginTransaction(); // committed before the view finds the topic: read from its beginning
            sendAlert(job, alertsTopic, 0, "new_device", a + 3_000, "");
            sendAlert(job, alertsTopic, 1, "locale_hop", a + 3_000, "");
            job.commitTransaction();
            job.beginTransaction(); // a restart rewrites these: never seen
            sendAlert(job, alertsTopic, 0, "burst", a + 4_000, "");
            job.flush();
            job.abortTransaction();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!view.followsAlerts() && System.nanoTime() < deadline) {
                view.pollOnce(Duration.ofMillis(200));
            }
            assertThat(view.followsAlerts()).as("the alerts topic found").isTrue();

            job.beginTransaction(); // the checkpoint that closes a and b
            sendEnriched(job, topics, a, b, 10);
            // Fields the view does not know are the job's business; a record without signal or event time is not
            // an alert it can count, nor is one that is not JSON.
            sendAlert(job, alertsTopic, 1, "burst", b + 9_999, ",\"evidence\":{\"logins\":40},\"extra\":[1,2]");
            sendAlert(job, alertsTopic, 0, "shared_ip", b, "");
            job.send(new ProducerRecord<>(alertsTopic, 0, "x", "{\"subject\":\"no signal\"}"));
            job.send(new ProducerRecord<>(alertsTopic, 0, "x", "not json"));
            sendSummary(job, topics, a);
            sendSummary(job, topics, b);
            job.commitTransaction();

            while (view.summaries().size() < 2 && System.nanoTime() < deadline) {
                view.pollOnce(Duration.ofMillis(200));
            }
            String shown = screen.toString(StandardCharsets.UTF_8);
            assertThat(view.summaries()).as(shown).hasSize(2);
            assertThat(shown)
                    .contains("(the alerts topic alerted-alerts appeared: its alerts are counted from here on)");
            assertThat(windowReport(shown, a)).contains("  alerts       locale_hop 1 · new_device 1\n");
            assertThat(windowReport(shown, b)).contains("  alerts       burst 1 · shared_ip 1\n");
            assertThat(view.alertsBySignal())
                    .isEqualTo(Map.of("new_device", 1L, "locale_hop", 1L, "burst", 1L, "shared_ip", 1L));
        }
    }

    private static Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return Admin.create(properties);
    }

    private void sendAlert(
            KafkaProducer<String, String> job, String topic, int partition, String signal, long at, String more) {
        String source = source(at);
        job.send(new ProducerRecord<>(
                topic,
                partition,
                signal + "/u",
                "{\"signal\":\"" + signal + "\",\"subject\":\"u\",\"event_time\":\"" + Instant.ofEpochMilli(at) + "\","
                        + source + more + "}"));
    }

    @Test
    void aMissingTopicIsNamedInOneSentence() {
        Topics typo = new Topics("user-login", TOPICS.processed(), "live-dql", TOPICS.insights());

        assertThatThrownBy(() -> LiveView.open(
                        broker.bootstrapServers(),
                        Map.of(),
                        typo,
                        "live-alerts-never-created",
                        System.out,
                        Duration.ofSeconds(30)))
                .isInstanceOf(IOException.class)
                .hasMessage("topic 'live-dql' does not exist on " + broker.bootstrapServers());
    }

    /** The lines of one window's report: from its heading to the next window's. */
    private static String windowReport(String shown, long windowStart) {
        String heading = "window " + TIME.format(Instant.ofEpochMilli(windowStart)) + "-";
        int start = shown.indexOf(heading);
        assertThat(start)
                .as("a report for the window at %s in:%n%s", heading, shown)
                .isNotNegative();
        int next = shown.indexOf("\nwindow ", start);
        return shown.substring(start, next < 0 ? shown.length() : next + 1);
    }

    private KafkaProducer<String, String> transactionalProducer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "live-view-it-" + System.nanoTime());
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    /** Enriched events whose input arrived spread from one time to another, dealt over the three partitions. */
    private void sendEnriched(KafkaProducer<String, String> job, long from, long until, int count) {
        sendEnriched(job, TOPICS, from, until, count);
    }

    private void sendEnriched(KafkaProducer<String, String> job, Topics topics, long from, long until, int count) {
        int partitions = topics == TOPICS ? 3 : 1;
        for (int i = 0; i < count; i++) {
            long arrived = from + i * (until - from) / count;
            job.send(new ProducerRecord<>(
                    topics.processed(),
                    i % partitions,
                    "user-" + i,
                    "{\"user_id\":\"user-" + i + "\",\"app_version\":\"2.3.0\",\"device_type\":\"ios\",\"ip\":null,"
                            + "\"locale\":\"TX\",\"device_id\":null,\"timestamp\":" + arrived / 1000
                            + ",\"event_time\":\"" + Instant.ofEpochMilli(arrived) + "\",\"missing_fields\":[],"
                            + source(arrived) + "}"));
        }
    }

    private void sendDeadLetters(KafkaProducer<String, String> job, long from, String reason, int count) {
        for (int i = 0; i < count; i++) {
            long arrived = from + i;
            job.send(new ProducerRecord<>(
                    TOPICS.deadLetters(),
                    "user-login/0/" + offset,
                    "{\"reason\":\"" + reason + "\",\"message\":\"m\",\"field\":null,\"payload\":\"x\","
                            + "\"payload_encoding\":\"utf8\",\"payload_size\":1,\"payload_truncated\":false,"
                            + "\"key\":null,\"key_encoding\":null," + source(arrived) + ",\"rejected_at\":\""
                            + Instant.ofEpochMilli(arrived + 100) + "\"}"));
        }
    }

    private void sendSummary(KafkaProducer<String, String> job, long windowStart) {
        sendSummary(job, TOPICS, windowStart);
    }

    private void sendSummary(KafkaProducer<String, String> job, Topics topics, long windowStart) {
        job.send(new ProducerRecord<>(
                topics.insights(),
                Instant.ofEpochMilli(windowStart) + "/summary",
                "{\"type\":\"summary\",\"window_start\":\"" + Instant.ofEpochMilli(windowStart)
                        + "\",\"window_end\":\"" + Instant.ofEpochMilli(windowStart + 10_000)
                        + "\",\"revision\":0,\"logins\":30,\"distinct_users\":30,\"records_with_missing_fields\":0,"
                        + "\"device_share\":{\"ios\":1.0},\"top_locales\":[{\"locale\":\"TX\",\"logins\":30,"
                        + "\"distinct_users\":30}]}"));
    }

    private void sendLateEvent(KafkaProducer<String, String> job, long windowStart) {
        job.send(new ProducerRecord<>(
                TOPICS.insights(),
                "late/user-login/0/" + offset,
                "{\"type\":\"late_event\",\"window_start\":\"" + Instant.ofEpochMilli(windowStart)
                        + "\",\"window_end\":\"" + Instant.ofEpochMilli(windowStart + 10_000) + "\",\"event_time\":\""
                        + Instant.ofEpochMilli(windowStart + 1) + "\",\"user_id\":\"late\","
                        + source(windowStart + 30_000)
                        + "}"));
    }

    private String source(long arrivedMillis) {
        return "\"source\":{\"topic\":\"user-login\",\"partition\":0,\"offset\":" + offset++ + ",\"timestamp\":\""
                + Instant.ofEpochMilli(arrivedMillis) + "\"}";
    }
}
