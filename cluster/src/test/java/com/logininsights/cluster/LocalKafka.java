package com.logininsights.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node KRaft Kafka broker inside the test JVM (Kafka's own test kit), listening on localhost at a port
 * of its choosing, so that it never clashes with a developer's broker on 29092.
 *
 * <p>{@link #main} runs one by hand, with the job's topics, for trying {@code scripts/flink-cluster} without a
 * Kafka installation: it prints the bootstrap address and runs until Ctrl-C.
 */
public final class LocalKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private LocalKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static LocalKafka start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        // Production features only, to match the unstable versions turned off below.
                        .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                        .build())
                // The test kit turns on Kafka's unreleased protocol versions; a real deployment has them off.
                .setConfigProp("unstable.api.versions.enable", false)
                .setConfigProp("unstable.feature.versions.enable", false)
                // One broker: internal topics (consumer offsets, transaction state) cannot have 3 replicas.
                .setConfigProp("offsets.topic.replication.factor", (short) 1)
                .setConfigProp("transaction.state.log.replication.factor", (short) 1)
                .setConfigProp("transaction.state.log.min.isr", 1)
                .setConfigProp("group.initial.rebalance.delay.ms", 0)
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return new LocalKafka(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    public Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(properties);
    }

    /**
     * Reads topics from the beginning with {@code isolation.level=read_committed} until {@code done} holds for what
     * was read, or the timeout passes; returns everything read either way.
     */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(
            List<String> topics, Duration timeout, Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.subscribe(topics);
            while (System.nanoTime() < deadline && !done.test(records)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Everything a {@code read_committed} reader can see in the topic now: reads each partition up to its end offset
     * as of the call (for such a reader, the last stable offset).
     */
    public List<ConsumerRecord<byte[], byte[]>> readAllCommitted(String topic, Duration timeout) {
        return CommittedReader.readAll(bootstrapServers(), topic, timeout);
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    /** Runs a broker with the job's four topics until Ctrl-C: for trying the standalone cluster by hand. */
    public static void main(String[] args) throws Exception {
        int inputPartitions = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        LocalKafka kafka = start();
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                kafka.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
            closed.countDown();
        }));
        kafka.createTopic("user-login", inputPartitions);
        kafka.createTopic("user-login-processed", 2);
        kafka.createTopic("user-login-dlq", 1);
        kafka.createTopic("user-login-insights", 1);
        System.out.println("Kafka broker ready: --bootstrap-servers " + kafka.bootstrapServers());
        closed.await();
    }
}
