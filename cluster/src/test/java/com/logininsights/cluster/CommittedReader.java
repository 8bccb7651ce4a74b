package com.logininsights.cluster;

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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic as a {@code read_committed} reader sees it now, from any broker. */
final class CommittedReader {
    private CommittedReader() {}

    /**
     * Every record a {@code read_committed} reader can see in the topic now: each partition up to its end offset as of
     * the call (for such a reader, the last stable offset, so an open transaction ends the read where it starts).
     */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = partitions(consumer, topic, timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!end.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "could not read " + topic + " to its end " + end + " in " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        return records;
    }

    static List<TopicPartition> partitions(String bootstrapServers, List<String> topics, Duration timeout) {
        List<TopicPartition> partitions = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            topics.forEach(topic -> partitions.addAll(partitions(consumer, topic, timeout)));
        }
        return partitions;
    }

    private static List<TopicPartition> partitions(
            KafkaConsumer<byte[], byte[]> consumer, String topic, Duration timeout) {
        return consumer.partitionsFor(topic, timeout).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-matrix-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
