package com.logininsights.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows the enriched and dead-letter topics as a {@code read_committed} reader would, for the whole run, and notes
 * when each output became visible and when the input record it came from was written. That answers the question a
 * user of the output asks after a fault: from when the fault happened, how long until records written after it
 * show up downstream? A record written after the fault can only be visible once the job has recovered, read it and
 * committed a checkpoint.
 *
 * <p>The reader survives a broker restart: the Kafka consumer reconnects by itself.
 */
final class CommittedOutputWatcher implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One visible output record: when this reader saw it, and when its input record was written. */
    private record Sighting(long seenAtMillis, long inputWrittenMillis) {}

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Sighting> sightings = new ArrayList<>();
    private final Thread thread;
    private volatile RuntimeException failure;

    CommittedOutputWatcher(String bootstrapServers, List<TopicPartition> partitions) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-matrix-watcher-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::follow, "committed-output-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        try {
            while (true) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long seen = System.currentTimeMillis();
                    long written = inputWrittenMillis(record.value());
                    synchronized (sightings) {
                        sightings.add(new Sighting(seen, written));
                    }
                }
            }
        } catch (WakeupException e) {
            // closed
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static long inputWrittenMillis(byte[] output) {
        try {
            JsonNode source = JSON.readTree(output).path("source");
            return Instant.parse(source.path("timestamp").asText()).toEpochMilli();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("an output record without a readable source timestamp", e);
        }
    }

    /** Records visible so far. */
    int seen() {
        synchronized (sightings) {
            return sightings.size();
        }
    }

    /**
     * Waits until an output record whose input was written after {@code fault} is visible, and returns when it first
     * was.
     */
    Instant awaitOutputOfInputWrittenAfter(Instant fault, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<Instant> first = firstOutputOfInputWrittenAfter(fault);
            if (first.isPresent()) {
                return first.get();
            }
            if (failure != null) {
                throw failure;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "no output of input written after " + fault + " became visible within " + patience);
            }
            Thread.sleep(100);
        }
    }

    private Optional<Instant> firstOutputOfInputWrittenAfter(Instant fault) {
        long after = fault.toEpochMilli();
        synchronized (sightings) {
            return sightings.stream()
                    .filter(s -> s.inputWrittenMillis() > after)
                    .map(s -> Instant.ofEpochMilli(s.seenAtMillis()))
                    .min(Instant::compareTo);
        }
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
    }
}
