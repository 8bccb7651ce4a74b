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
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, timeout);
            } catch (TimeoutException e) {
                throw new IOException("no Kafka broker answered on " + bootstrapServers + " within "
                        + Durations.format(timeout) + "; check --bootstrap-servers");
            } catch (KafkaException e) {
                throw new IOException(
                        "cannot read topic '" + topic + "' on " + bootstrapServers + ": " + e.getMessage());
            }
            if (infos == null || infos.isEmpty()) {
                throw new IOException("topic '" + topic + "' does not exist on " + bootstrapServers);
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        return partitions;
    }
}
