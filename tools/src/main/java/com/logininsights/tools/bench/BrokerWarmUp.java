package com.logininsights.tools.bench;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A fresh broker creates its internal topics (consumer offsets, transaction state: 50 partitions each) on first
 * use, which takes seconds. Using both once before measuring keeps that out of the first contender's start-up.
 */
final class BrokerWarmUp {
    private BrokerWarmUp() {}

    static void run(String bootstrapServers, String anyTopic) {
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-warm-up");
        try (KafkaConsumer<byte[], byte[]> client =
                new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            client.commitSync(Map.of(new TopicPartition(anyTopic, 0), new OffsetAndMetadata(0)));
        }
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-warm-up");
        try (KafkaProducer<byte[], byte[]> client =
                new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer())) {
            client.initTransactions();
            client.beginTransaction();
            client.commitTransaction();
        }
    }
}
