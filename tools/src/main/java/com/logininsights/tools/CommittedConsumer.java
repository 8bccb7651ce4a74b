package com.logininsights.tools;

import com.logininsights.tools.cli.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A consumer that reads the job's output as every reader must (read_committed), without a consumer group: it is
 * assigned whole topics, never commits offsets and never creates a topic by asking for it.
 */
public final class CommittedConsumer {
    /**
     * How long a topic may be missing before it is reported missing: a broker learns of a topic just created (by
     * the playground, or Compose's kafka-init) a moment after the controller does.
     */
    private static final Duration NEW_TOPIC_GRACE = Duration.ofSeconds(5);

    private CommittedConsumer() {}

    /** @param properties Kafka client settings given on the command line; they win over these defaults */
    public static KafkaConsumer<byte[], byte[]> create(String bootstrapServers, Map<String, String> properties) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.putAll(properties);
        return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
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
