package com.logininsights.common.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logininsights.common.broker.BrokerClients.Record;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The one broker every module's tests use: real, restartable on its data, and secured the way production is. */
class LocalKafkaBrokerIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void aRestartedBrokerHasEveryRecordItHadAndItsFolderGoesWithIt() throws Exception {
        Path folder;
        try (LocalKafkaBroker broker =
                LocalKafkaBroker.inTemporaryFolder().stopWhenThisJvmExits().build()) {
            broker.start();
            folder = broker.dataDir();
            long firstPid = broker.pid();
            BrokerClients clients = broker.clients();
            assertThat(clients.bootstrapServers()).isEqualTo(broker.plaintextBootstrapServers());
            clients.createTopic("kept", 2);
            clients.produce("kept", List.of(Record.of(0, "{\"n\": 1}"), Record.of(1, "{\"n\": 2}")));

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            broker.startAgain();

            assertThat(broker.pid()).isNotEqualTo(firstPid);
            assertThat(values(clients.readAllCommitted("kept", PATIENCE)))
                    .containsExactlyInAnyOrder("{\"n\": 1}", "{\"n\": 2}");
        }
        assertThat(folder).doesNotExist();
    }

    @Test
    void overSaslSslEachUserMayDoWhatItsAclsAllowAndTheOperatorEverything() throws Exception {
        try (LocalKafkaBroker broker = LocalKafkaBroker.inTemporaryFolder()
                .saslSsl()
                .users("reader")
                .withAcls()
                .stopWhenThisJvmExits()
                .build()) {
            broker.start();
            assertThat(broker.bootstrapServers()).isNotEqualTo(broker.plaintextBootstrapServers());
            assertThat(broker.clientSecurity()).containsEntry("security.protocol", "SASL_SSL");
            assertThat(Files.readString(broker.dataDir().resolve("server.properties")))
                    .doesNotContain(broker.password(LocalKafkaBroker.USER));

            broker.operator().createTopic("logins", 1);
            broker.operator().produce("logins", List.of(Record.of(0, "{\"n\": 1}")));
            try (Admin operator = broker.operator().admin()) {
                operator.createAcls(List.of(
                                allow("reader", ResourceType.TOPIC, "logins", AclOperation.READ),
                                allow("reader", ResourceType.GROUP, "*", AclOperation.READ)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }

            assertThat(values(broker.clients("reader").readCommitted("logins", PATIENCE, read -> read.size() == 1)))
                    .containsExactly("{\"n\": 1}");
            assertThatThrownBy(() -> broker.clients().produce("logins", List.of(Record.of(0, "{}"))))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theWaitForTransactionMarkersEndsOnceNoTransactionIsOpen() throws Exception {
        try (LocalKafkaBroker broker =
                LocalKafkaBroker.inTemporaryFolder().stopWhenThisJvmExits().build()) {
            broker.start();
            BrokerClients clients = broker.clients();
            clients.createTopic("markers", 2);
            Properties properties = clients.properties();
            properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "markers-writer");
            try (KafkaProducer<String, String> writer =
                    new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
                writer.initTransactions();
                writer.beginTransaction();
                writer.send(new ProducerRecord<>("markers", 1, "k", "open"));
                writer.flush();

                assertThatThrownBy(() -> clients.awaitTransactionMarkers("markers", Duration.ofSeconds(1)))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("a transaction on markers is still open after 1s: read_committed ends");

                writer.commitTransaction();
                clients.awaitTransactionMarkers("markers", PATIENCE);
                assertThat(values(clients.readAllCommitted("markers", PATIENCE)))
                        .containsExactly("open");
            }
        }
    }

    @Test
    void aConfigurationTheBrokerRefusesFailsTheStartWithTheBrokersReason() throws Exception {
        try (LocalKafkaBroker broker = LocalKafkaBroker.inTemporaryFolder()
                .serverProperty("node.id", "one")
                .stopWhenThisJvmExits()
                .build()) {
            assertThatThrownBy(broker::start)
                    .hasMessageContaining("formatting the Kafka data folder failed")
                    .hasMessageContaining("Invalid value one");
        }
    }

    private static AclBinding allow(String user, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .toList();
    }
}
