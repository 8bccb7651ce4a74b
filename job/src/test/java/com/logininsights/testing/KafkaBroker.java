package com.logininsights.testing;

import com.logininsights.common.broker.BrokerClients;
import com.logininsights.common.broker.BrokerClients.Record;
import com.logininsights.common.broker.LocalKafkaBroker;
import com.logininsights.kafka.RequiredRights.Right;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shared {@link LocalKafkaBroker} (a real single-node KRaft broker from the Kafka jars, on 127.0.0.1) for one test
 * class: register it as a static {@code @RegisterExtension}; it starts before the class's tests and stops after
 * them, its data folder deleted. The admin, producer and readers below connect as the job does: over the
 * {@code SASL_SSL} listener as its user where the broker has one ({@link #saslSsl()}). On a broker with ACLs
 * ({@link #withAcls}) the job's user may only do what the test allows it, so they connect as the operator instead.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {
    private final boolean saslSsl;
    private final List<String> otherUsers;
    private LocalKafkaBroker broker;

    /** A broker with a PLAINTEXT listener. */
    public KafkaBroker() {
        this(false, null);
    }

    private KafkaBroker(boolean saslSsl, List<String> otherUsers) {
        this.saslSsl = saslSsl;
        this.otherUsers = otherUsers;
    }

    /** A broker as a production broker is secured: TLS and a SCRAM-SHA-512 login, passwords new on every run. */
    public static KafkaBroker saslSsl() {
        return new KafkaBroker(true, null);
    }

    /**
     * A {@link #saslSsl()} broker with Kafka's {@code StandardAuthorizer} and {@code allow.everyone.if.no.acl.found}
     * off: the job's user ({@link LocalKafkaBroker#USER}) and {@code users} may do only what an ACL allows.
     */
    public static KafkaBroker withAcls(String... users) {
        return new KafkaBroker(true, List.of(users));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        LocalKafkaBroker.Builder builder = LocalKafkaBroker.inTemporaryFolder().stopWhenThisJvmExits();
        if (saslSsl) {
            builder.saslSsl();
        }
        if (otherUsers != null) {
            builder.users(otherUsers.toArray(String[]::new))
                    .withAcls()
                    .serverProperty("allow.everyone.if.no.acl.found", "false");
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
        return otherUsers != null ? broker.operator() : broker.clients();
    }

    /** Clients logged in as one of the broker's users, which may do only what ACLs allow them. */
    public BrokerClients clientsOf(String user) {
        return broker.clients(user);
    }

    /** Every Kafka client setting, besides the address, that logs in as {@code user}. */
    public Map<String, String> clientSecurity(String user) {
        return clientsOf(user).security();
    }

    /** Adds ACLs, as the operator, and returns once the broker's authorizer applies them. */
    public void grant(Collection<AclBinding> acls) throws Exception {
        try (Admin operator = broker.operator().admin()) {
            operator.createAcls(acls).all().get(30, TimeUnit.SECONDS);
            awaitAcls(operator, acls, true);
        }
    }

    /** Allows {@code principal} ({@code User:name}) each of {@code rights}; see {@link #grant(Collection)}. */
    public List<AclBinding> grant(String principal, List<Right> rights) throws Exception {
        List<AclBinding> acls =
                rights.stream().map(right -> right.allow(principal)).toList();
        grant(acls);
        return acls;
    }

    /** Allows {@code principal} every one of {@code rights} but {@code missing}, and returns the ACLs added. */
    public List<AclBinding> grantAllBut(Right missing, String principal, List<Right> rights) throws Exception {
        return grant(
                principal,
                rights.stream().filter(right -> !right.equals(missing)).toList());
    }

    /** Removes ACLs, as the operator, and returns once the broker's authorizer no longer applies them. */
    public void revoke(Collection<AclBinding> acls) throws Exception {
        try (Admin operator = broker.operator().admin()) {
            operator.deleteAcls(acls.stream().map(AclBinding::toFilter).toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
            awaitAcls(operator, acls, false);
        }
    }

    /** The broker answers DescribeAcls from its authorizer, so once it shows the change, the authorizer has it. */
    private static void awaitAcls(Admin operator, Collection<AclBinding> acls, boolean present) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Collection<AclBinding> now =
                    operator.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
            if (acls.stream().allMatch(acl -> now.contains(acl) == present)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker's ACLs did not change in 30 s: " + now);
            }
            Thread.sleep(50);
        }
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

    /** See {@link BrokerClients#awaitTransactionMarkers}. */
    public void awaitTransactionMarkers(String topic, Duration timeout) throws InterruptedException {
        clients().awaitTransactionMarkers(topic, timeout);
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
