package com.logininsights.tools.bench.measure;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A {@code read_committed} reader that follows the job's per-record outputs while it runs, and notes for each
 * record where its input was (source.partition, source.offset), when the broker appended it, and when it became
 * visible here. Visible is what a reader of exactly-once output waits for: the commit at the next checkpoint.
 */
final class LatencyProbe implements AutoCloseable {
    /** One output record. */
    record Seen(int partition, long offset, long appendMillis, long visibleMillis, boolean enriched) {}

    private static final JsonFactory JSON = new JsonFactory();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String enrichedTopic;
    private final List<Seen> seen = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Exception failure;

    LatencyProbe(String bootstrapServers, List<TopicPartition> partitions, String enrichedTopic) {
        Properties properties = AppendTimeScan.properties(bootstrapServers);
        // Answer as soon as anything is there: the reader's own waiting must not add to the latency.
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        this.consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.consumer.assign(partitions);
        this.consumer.seekToBeginning(partitions);
        this.enrichedTopic = enrichedTopic;
        this.thread = new Thread(this::follow, "latency-probe");
    }

    LatencyProbe start() {
        thread.start();
        return this;
    }

    private void follow() {
        try {
            while (!stopped) {
                var records = consumer.poll(Duration.ofMillis(50));
                long now = System.currentTimeMillis();
                List<Seen> batch = new ArrayList<>(records.count());
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    batch.add(source(record, now));
                }
                synchronized (seen) {
                    seen.addAll(batch);
                }
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    private Seen source(ConsumerRecord<byte[], byte[]> record, long visible) throws IOException {
        int partition = -1;
        long offset = -1;
        try (JsonParser json = JSON.createParser(record.value())) {
            json.nextToken();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                if (!name.equals("source")) {
                    json.skipChildren();
                    continue;
                }
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String field = json.currentName();
                    json.nextToken();
                    if (field.equals("partition")) {
                        partition = json.getIntValue();
                    } else if (field.equals("offset")) {
                        offset = json.getLongValue();
                    }
                }
            }
        }
        return new Seen(
                partition, offset, record.timestamp(), visible, record.topic().equals(enrichedTopic));
    }

    int count() {
        synchronized (seen) {
            return seen.size();
        }
    }

    List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    @Override
    public void close() throws Exception {
        stopped = true;
        thread.join(10_000);
        consumer.close();
        if (failure != null) {
            throw failure;
        }
    }
}
