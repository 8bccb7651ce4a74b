package com.logininsights.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.config.JobConfig;
import com.logininsights.kafka.KafkaPreflight;
import com.logininsights.testing.JobRun;
import com.logininsights.testing.KafkaBroker;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job refuses to start, with a sentence a user can act on, when Kafka or a topic is missing. */
class KafkaPreflightIT {
    @RegisterExtension
    static final KafkaBroker BROKER = new KafkaBroker();

    @Test
    void namesEveryMissingTopicAndIsSatisfiedOnceTheyExist() throws Exception {
        JobConfig config = JobRun.config(BROKER, "preflight");
        BROKER.createTopic(config.inputTopic(), 1);

        assertThat(KafkaPreflight.problems(config))
                .containsExactly(
                        "topic 'preflight-processed' does not exist on " + BROKER.bootstrapServers()
                                + "; create it first (the README lists the topics and their settings)",
                        "topic 'preflight-dlq' does not exist on " + BROKER.bootstrapServers()
                                + "; create it first (the README lists the topics and their settings)",
                        "topic 'preflight-insights' does not exist on " + BROKER.bootstrapServers()
                                + "; create it first (the README lists the topics and their settings)",
                        "topic 'preflight-alerts' does not exist on " + BROKER.bootstrapServers()
                                + "; create it first (the README lists the topics and their settings)");

        BROKER.createTopic(config.processedTopic(), 1);
        BROKER.createTopic(config.deadLetterTopic(), 1);
        BROKER.createTopic(config.insightsTopic(), 1);
        assertThat(KafkaPreflight.problems(config))
                .singleElement()
                .asString()
                .startsWith("topic 'preflight-alerts' does not exist");
        assertThat(KafkaPreflight.problems(JobRun.config(BROKER, "preflight", "--signals", "none")))
                .as("with every signal off, no alerts topic is needed")
                .isEmpty();
        BROKER.createTopic(config.alertsTopic(), 1);
        assertThat(KafkaPreflight.problems(config)).isEmpty();
    }

    @Test
    void refusesToWriteTheTopicsAnotherJobIsWritingButNotOnesOwnUnfinishedTransactions() throws Exception {
        JobConfig config = JobRun.config(BROKER, "shared");
        JobRun.createTopics(BROKER, config, 1);
        // An earlier run of this very job, killed mid-transaction: not another job.
        try (KafkaProducer<byte[], byte[]> ownLeftover = openTransaction("shared-enriched-0-7", "shared-processed")) {
            assertThat(KafkaPreflight.problems(config)).isEmpty();

            // Another job (its own prefix) writing the same insights topic right now.
            try (KafkaProducer<byte[], byte[]> other = openTransaction("compose-insights-1-3", "shared-insights")) {
                assertThat(KafkaPreflight.problems(config))
                        .singleElement()
                        .asString()
                        .startsWith("another job is writing to topic 'shared-insights' (Kafka transactional id"
                                + " 'compose-insights-1-3'); two jobs writing the same topics duplicate every output");
                other.abortTransaction();
            }
            ownLeftover.abortTransaction();
        }
    }

    /** A transactional producer with one record sent in a transaction it leaves open. */
    private static KafkaProducer<byte[], byte[]> openTransaction(String transactionalId, String topic)
            throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers());
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, new byte[] {1})).get();
        return producer;
    }

    @Test
    void saysWhenNoBrokerAnswers() throws Exception {
        JobConfig config = JobRun.config(BROKER, "nobody", "--bootstrap-servers", "127.0.0.1:1");
        assertThat(KafkaPreflight.problems(config, Duration.ofSeconds(2)))
                .containsExactly("no Kafka broker answered at 127.0.0.1:1 within 2s; is it running, and is"
                        + " --bootstrap-servers right?");
    }
}
