package com.logininsights.tools.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows the job's three output topics as a reader would (read_committed) and prints a {@link WindowReport} for
 * each window summary that arrives. Dead letters and records are counted between summaries.
 */
public final class LiveView implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Topics topics;
    private final PrintStream out;
    private final List<JsonNode> summaries = new ArrayList<>();
    private final Map<String, Long> deadLettersByReason = new HashMap<>();
    private final Map<String, Long> deadLettersSinceLast = new HashMap<>();
    private long recordsSinceLast;
    private long lateSinceLast;
    private long lateEvents;

    public LiveView(String bootstrapServers, Topics topics, PrintStream out) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "playground-view-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        this.out = out;
        consumer.subscribe(List.of(topics.insights(), topics.deadLetters(), topics.processed()));
    }

    /** Polls once and prints what closed; returns false once {@link #stop()} was called. */
    public boolean pollOnce(Duration timeout) {
        try {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
                accept(record);
            }
            return true;
        } catch (WakeupException e) {
            return false;
        }
    }

    /** Safe from another thread: makes a blocked {@link #pollOnce} return. */
    public void stop() {
        consumer.wakeup();
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().equals(topics.processed())) {
            recordsSinceLast++;
            return;
        }
        JsonNode value = parse(record.value());
        if (record.topic().equals(topics.deadLetters())) {
            recordsSinceLast++;
            deadLettersSinceLast.merge(value.get("reason").asText(), 1L, Long::sum);
            deadLettersByReason.merge(value.get("reason").asText(), 1L, Long::sum);
        } else if (value.get("type").asText().equals("late_event")) {
            lateSinceLast++;
            lateEvents++;
        } else if (value.get("type").asText().equals("summary")) {
            summaries.add(value);
            out.print(WindowReport.render(value, deadLettersSinceLast, recordsSinceLast, lateSinceLast));
            out.flush();
            deadLettersSinceLast.clear();
            recordsSinceLast = 0;
            lateSinceLast = 0;
        }
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("the job wrote a record that is not JSON", e);
        }
    }

    public List<JsonNode> summaries() {
        return List.copyOf(summaries);
    }

    public Map<String, Long> deadLettersByReason() {
        return Map.copyOf(deadLettersByReason);
    }

    public long lateEvents() {
        return lateEvents;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
