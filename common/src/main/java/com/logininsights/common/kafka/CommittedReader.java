package com.logininsights.common.kafka;

import com.logininsights.common.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the job's output as every reader must ({@code read_committed}), without a consumer group: it is assigned
 * whole topics, never commits offsets and never creates a topic by asking for it. The tools follow topics with its
 * consumer; the tests read a topic to its committed end with {@link #readAll}.
 */
public final class CommittedReader {
    /**
     * How long a topic may be missing before it is reported missing: a broker learns of a topic just created (by
     * the playground, or Compose's kafka-init) a moment after the controller does.
     */
    private static final Duration NEW_TOPIC_GRACE = Duration.ofSeconds(5);

    private CommittedReader() {}

    /** @param settings Kafka client settings (a command line's, a secure listener's); they win over these defaults */
    public static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, Map<String, ?> settings) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.putAll(settings);
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Every record a {@code read_committed} reader can see in the topic now: each partition up to its end offset as
     * of the call (for such a reader, the last stable offset, so an open transaction ends the read where it starts).
     *
     * @throws IllegalStateException when the topic cannot be read to that end within the timeout
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(
            String bootstrapServers, Map<String, ?> settings, String topic, Duration timeout) {
        Map<String, Object> withLargeFetches = new HashMap<>(settings);
        // The generator's too_large records are 200 KiB; a dead letter of one is larger.
        withLargeFetches.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers, withLargeFetches)) {
            List<TopicPartition> partitions = partitions(consumer, topic, timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!end.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "could not read " + topic + " to its end " + end + " in " + Durations.format(timeout));
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        return records;
    }

    public static List<ConsumerRecord<byte[], byte[]>> readAll(
            String bootstrapServers, String topic, Duration timeout) {
        return readAll(bootstrapServers, Map.of(), topic, timeout);
    }

    /** Every partition of these topics, as the broker knows them now (none for a topic it does not know). */
    public static List<TopicPartition> partitions(String bootstrapServers, List<String> topics, Duration timeout) {
        List<TopicPartition> partitions = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers, Map.of())) {
            topics.forEach(topic -> partitions.addAll(partitions(consumer, topic, timeout)));
        }
        return partitions;
    }

    /**
     * Every partition of these topics, or an exception whose message says in one sentence what is wrong: a broker
     * that does not answer, or a topic that does not exist.
     */
    public static List<TopicPartition> partitionsOf(
            KafkaConsumer<?, ?> consumer, String bootstrapServers, List<String> topics, Duration timeout)
            throws IOException {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = partitionInfos(consumer, bootstrapServers, topic, timeout);
            long deadline = System.nanoTime() + Math.min(timeout.toNanos(), NEW_TOPIC_GRACE.toNanos());
            while (infos.isEmpty() && System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(200));
                infos = partitionInfos(consumer, bootstrapServers, topic, timeout);
            }
            if (infos.isEmpty()) {
                throw new IOException("topic '" + topic + "' does not exist on " + bootstrapServers);
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        return partitions;
    }

    /** Every partition of a topic as the broker knows it now; none for a topic it does not know (yet). */
    public static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        return infos == null
                ? List.of()
                : infos.stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList();
    }

    private static List<PartitionInfo> partitionInfos(
            KafkaConsumer<?, ?> consumer, String bootstrapServers, String topic, Duration timeout) throws IOException {
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            return infos == null ? List.of() : infos;
        } catch (TimeoutException e) {
            throw new IOException("no Kafka broker answered on " + bootstrapServers + " within "
                    + Durations.format(timeout) + "; check --bootstrap-servers");
        } catch (KafkaException e) {
            throw new IOException("cannot read topic '" + topic + "' on " + bootstrapServers + ": " + e.getMessage());
        }
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for topic metadata");
        }
    }
}
