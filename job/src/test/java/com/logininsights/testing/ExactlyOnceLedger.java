package com.logininsights.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.logininsights.common.broker.BrokerClients.Record;
import com.logininsights.config.JobConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * What a test wrote to a running job's input, and so what must come out of it exactly once: batches of logins (one
 * record in ten broken), each over its own 100 s of event time, then a flush that closes every window. {@link
 * #assertEveryRecordOnce} reads the three output topics with {@code read_committed} and checks that every input record
 * is in exactly one of enriched events and dead letters, once, and every window's summary once, with the logins sent.
 * The job runs with {@link #JOB_FLAGS}, over a two-partition input.
 */
public final class ExactlyOnceLedger {
    /**
     * The windows the batches are laid out for, and the out-of-orderness they stay within. Every batch reaches both
     * partitions, so no partition needs to be declared idle; a short idleness would only risk a starved partition
     * with a backlog being declared idle on a busy machine (FLINK-40234).
     */
    public static final List<String> JOB_FLAGS =
            List.of("--window", "10s", "--out-of-orderness", "1s", "--idleness", "5s", "--parallelism", "2");

    private static final int PER_BATCH = 600;

    private final KafkaBroker broker;
    private final JobConfig config;
    private final Duration patience;
    private final long base = (System.currentTimeMillis() / 10_000 - 360) * 10_000;
    private final List<Sample> invalidSamples =
            Sample.all().stream().filter(s -> !s.valid()).toList();
    /** "partition/offset" of every input record, and whether it is valid. */
    private final Map<String, Boolean> expectedValid = new HashMap<>();
    /** Expected logins per window start, over the windows the flush closes. */
    private final Map<String, Integer> expectedLogins = new TreeMap<>();

    public ExactlyOnceLedger(KafkaBroker broker, JobConfig config, Duration patience) {
        this.broker = broker;
        this.config = config;
        this.patience = patience;
    }

    /** What the three output topics held, read_committed, when every expected record had arrived. */
    public record Read(
            List<ConsumerRecord<byte[], byte[]>> enriched,
            List<ConsumerRecord<byte[], byte[]>> deadLetters,
            List<ConsumerRecord<byte[], byte[]>> insights) {}

    /**
     * A batch of valid logins (one in ten records broken) spread over its own 100 s of event time, so that each
     * batch's windows are closed by the next batch. Events are out of order by up to 600 ms, within the job's
     * out-of-orderness, so none is late. Every batch reaches both partitions.
     */
    public void produceBatch(int batch) throws Exception {
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
        remember(broker.produce(config.inputTopic(), records), valid);
    }

    /** Events far ahead on both partitions, which close every window of the batches. */
    public void produceFlush() throws Exception {
        long flushSecond = base / 1000 + 1000;
        List<RecordMetadata> flush = broker.produce(
                config.inputTopic(),
                List.of(
                        Record.of(0, Sample.login("flush-0", flushSecond)),
                        Record.of(1, Sample.login("flush-1", flushSecond))));
        remember(flush, List.of(true, true));
    }

    private void remember(List<RecordMetadata> written, List<Boolean> valid) {
        for (int i = 0; i < written.size(); i++) {
            expectedValid.put(written.get(i).partition() + "/" + written.get(i).offset(), valid.get(i));
        }
    }

    /** Waits until every valid record written so far is a committed enriched event. */
    public void awaitEnriched() {
        long expected = validCount();
        assertThat(broker.readCommitted(config.processedTopic(), patience, read -> read.size() >= expected))
                .as("committed enriched events")
                .hasSizeGreaterThanOrEqualTo((int) expected);
    }

    /** Reads the three outputs (after {@link #produceFlush}) and checks that each record is there exactly once. */
    public Read assertEveryRecordOnce() {
        List<ConsumerRecord<byte[], byte[]>> insights = broker.readCommitted(
                config.insightsTopic(), patience, read -> summaries(read).size() >= expectedLogins.size());
        List<ConsumerRecord<byte[], byte[]>> enriched =
                broker.readCommitted(config.processedTopic(), patience, read -> read.size() >= validCount());
        List<ConsumerRecord<byte[], byte[]>> deadLetters = broker.readCommitted(
                config.deadLetterTopic(), patience, read -> read.size() >= expectedValid.size() - validCount());

        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode event : Outputs.values(enriched)) {
            String position = Outputs.sourcePosition(event);
            seen.merge(position, 1, Integer::sum);
            assertThat(expectedValid.get(position)).as("valid: %s", position).isTrue();
        }
        for (JsonNode letter : Outputs.values(deadLetters)) {
            String position = Outputs.sourcePosition(letter);
            seen.merge(position, 1, Integer::sum);
            assertThat(expectedValid.get(position)).as("valid: %s", position).isFalse();
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
        return new Read(enriched, deadLetters, insights);
    }

    private long validCount() {
        return expectedValid.values().stream().filter(v -> v).count();
    }

    private static List<JsonNode> summaries(List<ConsumerRecord<byte[], byte[]>> insights) {
        return Outputs.values(insights).stream()
                .filter(v -> v.get("type").asText().equals("summary"))
                .toList();
    }
}
