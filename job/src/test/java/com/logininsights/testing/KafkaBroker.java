package com.logininsights.testing;

import com.logininsights.common.broker.BrokerClients;
import com.logininsights.common.broker.BrokerClients.Record;
import com.logininsights.common.broker.LocalKafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shared {@link LocalKafkaBroker} (a real single-node KRaft broker from the Kafka jars, on 127.0.0.1) for one test
 * class: register it as a static {@code @RegisterExtension}; it starts before the class's tests and stops after
 * them, its data folder deleted. The admin, producer and readers below connect as the job does: over the
 * {@code SASL_SSL} listener as its user where the broker has one ({@link #saslSsl()}).
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {
    private final boolean saslSsl;
    private LocalKafkaBroker broker;

    /** A broker with a PLAINTEXT listener. */
    public KafkaBroker() {
        this(false);
    }

    private KafkaBroker(boolean saslSsl) {
        this.saslSsl = saslSsl;
    }

    /** A broker as a production broker is secured: TLS and a SCRAM-SHA-512 login, passwords new on every run. */
    public static KafkaBroker saslSsl() {
        return new KafkaBroker(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        LocalKafkaBroker.Builder builder = LocalKafkaBroker.inTemporaryFolder().stopWhenThisJvmExits();
        if (saslSsl) {
            builder.saslSsl();
        }
        broker = builder.build();
        broker.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    /** Where the job and the test's clients connect. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    private BrokerClients clients() {
        return broker.clients();
    }

    public void createTopic(String name, int partitions) throws Exception {
        clients().createTopic(name, partitions);
    }

    public Admin admin() {
        return clients().admin();
    }

    /** Writes records to the given partitions, in order, and waits until all are acknowledged. */
    public List<RecordMetadata> produce(String topic, List<Record> records) throws Exception {
        return clients().produce(topic, records);
    }

    /** Reads the topic (read_committed) until {@code done} holds for what was read or the timeout passes. */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(
            String topic, Duration timeout, Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        return clients().readCommitted(topic, timeout, done);
    }

    /** Every record committed to {@code topic} so far. */
    public List<ConsumerRecord<byte[], byte[]>> readAllCommitted(String topic, Duration timeout) {
        return clients().readAllCommitted(topic, timeout);
    }

    public List<ConsumerRecord<byte[], byte[]>> read(
            String topic,
            String isolationLevel,
            Duration timeout,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        return clients().read(List.of(topic), isolationLevel, timeout, done);
    }

    /** Every Kafka client setting a client needs, besides the address, to reach the secure listener. */
    public Map<String, String> clientSecurity() {
        return broker.clientSecurity();
    }

    /** The {@code sasl.jaas.config} of the job's user: its name and password. */
    public String jaasConfig() {
        return broker.jaasConfig(LocalKafkaBroker.USER);
    }

    public String password() {
        return broker.password(LocalKafkaBroker.USER);
    }

    public String truststorePassword() {
        return broker.truststorePassword();
    }
}
