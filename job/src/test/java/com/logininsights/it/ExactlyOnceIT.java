package com.logininsights.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.logininsights.common.broker.BrokerClients.Record;
import com.logininsights.config.JobConfig;
import com.logininsights.testing.FailOnceDeserializer;
import com.logininsights.testing.JobRun;
import com.logininsights.testing.KafkaBroker;
import com.logininsights.testing.LateRecordsDropped;
import com.logininsights.testing.Outputs;
import com.logininsights.testing.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * (c) Exactly-once, proven: the job runs unbounded while the test injects an operator failure and then kills its
 * TaskManager, each mid-stream. Readers with isolation.level=read_committed must then find every expected record
 * exactly once on all three topics.
 */
class ExactlyOnceIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final int PER_BATCH = 600;

    @RegisterExtension
    @Order(1)
    static final KafkaBroker BROKER = new KafkaBroker();

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = JobRun.miniCluster(2, METRICS);

    private final long base = (System.currentTimeMillis() / 10_000 - 360) * 10_000;
    private final List<Sample> invalidSamples =
            Sample.all().stream().filter(s -> !s.valid()).toList();
    /** "partition/offset" of every input record, and whether it is valid. */
    private final Map<String, Boolean> expectedValid = new HashMap<>();
    /** Expected logins per window start, over the windows the flush closes. */
    private final Map<String, Integer> expectedLogins = new TreeMap<>();

    @Test
    void everyRecordIsWrittenOnceDespiteACrashAndALostTaskManager(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        // Every batch reaches both partitions, so no partition needs to be declared idle; a short idleness would
        // only risk a starved partition with a backlog being declared idle on a busy machine (FLINK-40234).
        JobConfig config = JobRun.config(
                BROKER,
                "exactly-once",
                "--window",
                "10s",
                "--out-of-orderness",
                "1s",
                "--idleness",
                "5s",
                "--parallelism",
                "2");
        JobRun.createTopics(BROKER, config, 2);
        JobClient job = JobRun.start(config, new FailOnceDeserializer(JobRun.realDeserializer(config)));
        try {
            produceBatch(config, 0);
            awaitEnriched(config);

            FailOnceDeserializer.arm();
            produceBatch(config, 1);
            awaitEnriched(config);
            assertThat(FailOnceDeserializer.fired())
                    .as("the injected failure happened")
                    .isTrue();

            cluster.terminateTaskManager(0).get(60, TimeUnit.SECONDS);
            produceBatch(config, 2);
            cluster.startTaskManager();
            awaitEnriched(config);

            // Events far ahead on both partitions close every window of the three batches.
            long flushSecond = base / 1000 + 1000;
            List<RecordMetadata> flush = BROKER.produce(
                    config.inputTopic(),
                    List.of(
                            Record.of(0, Sample.login("flush-0", flushSecond)),
                            Record.of(1, Sample.login("flush-1", flushSecond))));
            flush.forEach(m -> expectedValid.put(m.partition() + "/" + m.offset(), true));

            List<ConsumerRecord<byte[], byte[]>> insights = BROKER.readCommitted(
                    config.insightsTopic(), PATIENCE, read -> summaries(read).size() >= expectedLogins.size());
            List<ConsumerRecord<byte[], byte[]>> enriched =
                    BROKER.readCommitted(config.processedTopic(), PATIENCE, read -> read.size() >= validCount());
            List<ConsumerRecord<byte[], byte[]>> deadLetters = BROKER.readCommitted(
                    config.deadLetterTopic(), PATIENCE, read -> read.size() >= expectedValid.size() - validCount());

            Map<String, Integer> seen = new HashMap<>();
            for (JsonNode event : Outputs.values(enriched)) {
                String position = Outputs.sourcePosition(event);
                seen.merge(position, 1, Integer::sum);
                assertThat(expectedValid.get(position))
                        .as("valid: %s", position)
                        .isTrue();
            }
            for (JsonNode letter : Outputs.values(deadLetters)) {
                String position = Outputs.sourcePosition(letter);
                seen.merge(position, 1, Integer::sum);
                assertThat(expectedValid.get(position))
                        .as("valid: %s", position)
                        .isFalse();
            }
            assertThat(seen.keySet()).isEqualTo(expectedValid.keySet());
            assertThat(seen.values()).as("times each input record was written").containsOnly(1);

            Map<String, Integer> summaryLogins = new TreeMap<>();
            summaries(insights)
                    .forEach(v -> summaryLogins.put(
                            v.get("window_start").asText(), v.get("logins").asInt()));
            assertThat(summaryLogins).isEqualTo(expectedLogins);
            assertThat(Outputs.keyCounts(insights).values())
                    .as("times each insight key was written")
                    .containsOnly(1);
            assertThat(Outputs.values(insights))
                    .as("late events")
                    .noneMatch(v -> v.get("type").asText().equals("late_event"));
            assertThat(LateRecordsDropped.byOperator(METRICS, job.getJobID()))
                    .isNotEmpty()
                    .allSatisfy((operator, dropped) ->
                            assertThat(dropped).as(operator).isZero());

            int uncommitted = BROKER.read(
                            config.processedTopic(), "read_uncommitted", Duration.ofSeconds(5), read -> false)
                    .size();
            System.out.printf(
                    "exactly-once: %d enriched records read_committed, %d read_uncommitted%n",
                    enriched.size(), uncommitted);
        } finally {
            job.cancel().get();
        }
    }

    /**
     * A batch of valid logins (one in ten records broken) spread over its own 100 s of event time, so that each
     * batch's windows are closed by the next batch. Events are out of order by up to 600 ms, within the job's
     * out-of-orderness, so none is late.
     */
    private void produceBatch(JobConfig config, int batch) throws Exception {
        List<Record> records = new ArrayList<>();
        List<Boolean> valid = new ArrayList<>();
        for (int i = 0; i < PER_BATCH; i++) {
            int partition = i % 2;
            if (i % 10 == 7) {
                records.add(new Record(
                        partition,
                        invalidSamples.get(i / 10 % invalidSamples.size()).value()));
                valid.add(false);
            } else {
                long millis = base + batch * 100_000L + i * 160L - (i % 3) * 300L;
                records.add(Record.of(partition, Sample.login("user-" + (i % 150), millis / 1000)));
                valid.add(true);
                expectedLogins.merge(
                        Instant.ofEpochMilli(millis - millis % 10_000).toString(), 1, Integer::sum);
            }
        }
        List<RecordMetadata> written = BROKER.produce(config.inputTopic(), records);
        for (int i = 0; i < written.size(); i++) {
            expectedValid.put(written.get(i).partition() + "/" + written.get(i).offset(), valid.get(i));
        }
    }

    private long validCount() {
        return expectedValid.values().stream().filter(v -> v).count();
    }

    private void awaitEnriched(JobConfig config) {
        long expected = validCount();
        assertThat(BROKER.readCommitted(config.processedTopic(), PATIENCE, read -> read.size() >= expected))
                .as("committed enriched events")
                .hasSizeGreaterThanOrEqualTo((int) expected);
    }

    private static List<JsonNode> summaries(List<ConsumerRecord<byte[], byte[]>> insights) {
        return Outputs.values(insights).stream()
                .filter(v -> v.get("type").asText().equals("summary"))
                .toList();
    }
}
