package com.logininsights.common.broker;

import com.logininsights.common.Durations;
import com.logininsights.common.kafka.CommittedReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What a test does with a broker, as one of its users (or, on the PLAINTEXT listener, as its operator): create
 * topics, write records and read them back, committed or not.
 */
public final class BrokerClients {
    private final String bootstrapServers;
    private final Map<String, String> security;

    BrokerClients(String bootstrapServers, Map<String, String> security) {
        this.bootstrapServers = bootstrapServers;
        this.security = Map.copyOf(security);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The address and every security setting: what any Kafka client needs to connect as this user. */
    public Properties properties() {
        Properties properties = new Properties();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.putAll(security);
        return properties;
    }

    /** The security settings alone (none on the PLAINTEXT listener). */
    public Map<String, String> security() {
        return security;
    }

    public Admin admin() {
        return Admin.create(properties());
    }

    public void createTopic(String name, int partitions) throws Exception {
        createTopic(name, partitions, Map.of());
    }

    public void createTopic(String name, int partitions, Map<String, String> configs) throws Exception {
        createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)));
    }

    public void createTopics(Collection<NewTopic> topics) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Writes records to the given partitions, in order, and waits until all are acknowledged. */
    public List<RecordMetadata> produce(String topic, List<Record> records) throws Exception {
        Properties properties = properties();
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        List<RecordMetadata> written = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (Record record : records) {
                sends.add(producer.send(new ProducerRecord<>(topic, record.partition(), null, record.value())));
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                written.add(send.get(30, TimeUnit.SECONDS));
            }
        }
        return written;
    }

    /** One record to write: its partition and its raw value bytes. */
    public record Record(int partition, byte[] value) {
        public static Record of(int partition, String json) {
            return new Record(partition, json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Reads topics from the beginning with {@code isolation.level=read_committed} until {@code done} holds for what
     * was read, or the timeout passes; returns everything read either way.
     */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(
            List<String> topics, Duration timeout, Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        return read(topics, "read_committed", timeout, done);
    }

    public List<ConsumerRecord<byte[], byte[]>> readCommitted(
            String topic, Duration timeout, Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        return readCommitted(List.of(topic), timeout, done);
    }

    /**
     * Waits until every transaction written to the topic is visible as committed or aborted: a producer's
     * {@code commitTransaction} and {@code abortTransaction} return once the outcome is decided, and the markers that
     * carry it reach the partitions a little later (milliseconds, tens of them on a busy machine). Until then a
     * {@code read_committed} reader's end offset stops where the transaction began.
     *
     * @throws IllegalStateException when a transaction is still open after the timeout
     */
    public void awaitTransactionMarkers(String topic, Duration timeout) throws InterruptedException {
        Map<String, Object> uncommitted = new HashMap<>(security);
        uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<byte[], byte[]> committed = CommittedReader.consumer(bootstrapServers, security);
                KafkaConsumer<byte[], byte[]> written = CommittedReader.consumer(bootstrapServers, uncommitted)) {
            List<TopicPartition> partitions = CommittedReader.partitions(committed, topic, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<TopicPartition, Long> visible = committed.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> logEnds = written.endOffsets(partitions, timeout);
            while (!visible.equals(logEnds)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("a transaction on " + topic + " is still open after "
                            + Durations.format(timeout) + ": read_committed ends " + visible + ", log ends " + logEnds);
                }
                Thread.sleep(10);
                visible = committed.endOffsets(partitions, timeout);
                logEnds = written.endOffsets(partitions, timeout);
            }
        }
    }

    /** Every record committed to {@code topic} so far (see {@link CommittedReader#readAll}). */
    public List<ConsumerRecord<byte[], byte[]>> readAllCommitted(String topic, Duration timeout) {
        return CommittedReader.readAll(bootstrapServers, security, topic, timeout);
    }

    /** As {@link #readCommitted}, with the isolation level given: {@code read_uncommitted} shows aborted records. */
    public List<ConsumerRecord<byte[], byte[]>> read(
            List<String> topics,
            String isolationLevel,
            Duration timeout,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        Properties properties = properties();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(topics);
            while (System.nanoTime() < deadline && !done.test(records)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
