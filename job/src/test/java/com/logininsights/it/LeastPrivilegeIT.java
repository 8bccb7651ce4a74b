package com.logininsights.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logininsights.JobCannotStart;
import com.logininsights.LoginInsightsJob;
import com.logininsights.common.broker.LocalKafkaBroker;
import com.logininsights.common.kafka.CommittedReader;
import com.logininsights.config.JobConfig;
import com.logininsights.kafka.KafkaPreflight;
import com.logininsights.kafka.RequiredRights;
import com.logininsights.kafka.RequiredRights.Right;
import com.logininsights.testing.ExactlyOnceLedger;
import com.logininsights.testing.JobRun;
import com.logininsights.testing.KafkaBroker;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The job on a broker that allows nothing an ACL does not (Kafka's {@code StandardAuthorizer},
 * {@code allow.everyone.if.no.acl.found=false}, {@code SASL_SSL}), its principal holding exactly the rights of
 * {@link RequiredRights}, the list docs/security.md shows: it passes its start-up check and writes every record
 * exactly once through the loss of its TaskManager. A dashboard's principal, allowed to read the insights, is refused
 * the input, the enriched events and the dead letters. With each right taken away in turn, the job refuses to start
 * with one sentence that names the principal and the right.
 */
class LeastPrivilegeIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String JOB = "User:" + LocalKafkaBroker.USER;
    private static final String DASHBOARD = "dashboard";

    @RegisterExtension
    @Order(1)
    static final KafkaBroker BROKER = KafkaBroker.withAcls(DASHBOARD);

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = JobRun.miniCluster();

    @Test
    void theListedRightsSufficeForExactlyOnceThroughALostTaskManagerAndADashboardReadsOnlyTheInsights(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        JobConfig config = JobRun.configAs(
                LocalKafkaBroker.USER, BROKER, "least", ExactlyOnceLedger.JOB_FLAGS.toArray(String[]::new));
        JobRun.createTopics(BROKER, config, 2);
        BROKER.grant(JOB, RequiredRights.of(config));
        BROKER.grant(List.of(new Right(
                        AclOperation.READ,
                        ResourceType.TOPIC,
                        config.insightsTopic(),
                        PatternType.LITERAL,
                        "the dashboard reads it")
                .allow("User:" + DASHBOARD)));
        assertThat(KafkaPreflight.problems(config))
                .as("the start-up check, with the listed rights")
                .isEmpty();

        ExactlyOnceLedger ledger = new ExactlyOnceLedger(BROKER, config, PATIENCE);
        JobClient job = JobRun.start(config, JobRun.realDeserializer(config));
        ExactlyOnceLedger.Read outputs;
        try {
            ledger.produceBatch(0);
            ledger.awaitEnriched();
            cluster.terminateTaskManager(0).get(60, TimeUnit.SECONDS);
            ledger.produceBatch(1);
            cluster.startTaskManager();
            ledger.awaitEnriched();
            ledger.produceFlush();
            outputs = ledger.assertEveryRecordOnce();
        } finally {
            job.cancel().get();
        }

        assertThat(BROKER.admin()
                        .listConsumerGroupOffsets(config.groupId())
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS))
                .as("offsets the job committed to its group")
                .isNotEmpty();
        assertThat(KafkaPreflight.problems(config))
                .as("the start-up check, now that the group exists and Kafka tells the rights on it")
                .isEmpty();

        List<ConsumerRecord<byte[], byte[]>> seenByDashboard =
                BROKER.clientsOf(DASHBOARD).readAllCommitted(config.insightsTopic(), PATIENCE);
        // Compared with a read of the same topic now that the job is cancelled: until it was, a checkpoint could still
        // commit insights after the ledger read them (one run of three saw 84 against 82).
        assertThat(seenByDashboard)
                .as("insights the dashboard reads")
                .hasSameSizeAs(BROKER.readAllCommitted(config.insightsTopic(), PATIENCE))
                .hasSizeGreaterThanOrEqualTo(outputs.insights().size());
        for (String refused : List.of(config.inputTopic(), config.processedTopic(), config.deadLetterTopic())) {
            assertThatThrownBy(() -> readAs(DASHBOARD, refused))
                    .as("the dashboard reading %s", refused)
                    .isInstanceOfSatisfying(
                            TopicAuthorizationException.class,
                            e -> assertThat(e.unauthorizedTopics()).containsExactly(refused));
        }
    }

    @BeforeAll
    static void createTheTopicsOfTheJobLackingRights() throws Exception {
        JobRun.createTopics(BROKER, lackingConfig(), 1);
    }

    static Stream<Right> rights() {
        return RequiredRights.of(lackingConfig()).stream();
    }

    @ParameterizedTest(name = "without {0}")
    @MethodSource("rights")
    void withEachRightMissingTheJobRefusesToStartNamingItInOneSentence(Right missing, @TempDir Path folder)
            throws Exception {
        JobConfig config = lackingConfig();
        List<AclBinding> others = BROKER.grantAllBut(missing, JOB, RequiredRights.of(config));
        try {
            String problem = assertThat(KafkaPreflight.problems(config))
                    .as("the start-up check's problems")
                    .singleElement()
                    .actual();
            System.out.println("Without " + missing + ": " + problem);
            assertThat(problem)
                    .as("one sentence, naming the principal and the right")
                    .doesNotContain(". ", "\n")
                    .startsWith(JOB + " lacks " + missing.operationName() + " on ")
                    .contains(
                            missing.resourceName(),
                            "kafka-acls.sh --add --allow-principal " + JOB + " --operation " + missing.operationName());

            // The same sentence from the job's entry point, its settings in a file as a mounted secret gives them.
            Path settings = writeSettings(folder, BROKER.clientSecurity(LocalKafkaBroker.USER));
            List<String> flags = JobRun.flags(BROKER, "lacking", "--kafka-properties-file", settings.toString());
            assertThatThrownBy(() -> LoginInsightsJob.run(flags.toArray(String[]::new)))
                    .isInstanceOf(JobCannotStart.class)
                    .hasMessage("login-insights: " + problem);
        } finally {
            BROKER.revoke(others);
        }
    }

    private static JobConfig lackingConfig() {
        return JobRun.configAs(LocalKafkaBroker.USER, BROKER, "lacking");
    }

    /** Reads a topic's first partition as {@code user}, as a dashboard would, and fails as Kafka fails. */
    private static void readAs(String user, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                CommittedReader.consumer(BROKER.bootstrapServers(), BROKER.clientSecurity(user))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            consumer.poll(Duration.ofSeconds(10));
        }
    }

    private static Path writeSettings(Path folder, Map<String, String> settings) throws Exception {
        Properties properties = new Properties();
        properties.putAll(settings);
        Path file = folder.resolve("kafka-client.properties");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, null);
        }
        return file;
    }
}
