package com.logininsights.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.config.JobConfig;
import com.logininsights.kafka.KafkaPreflight;
import com.logininsights.testing.JobRun;
import com.logininsights.testing.KafkaBroker;
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
                                + "; create it first (the README lists the topics and their settings)");

        BROKER.createTopic(config.processedTopic(), 1);
        BROKER.createTopic(config.deadLetterTopic(), 1);
        BROKER.createTopic(config.insightsTopic(), 1);
        assertThat(KafkaPreflight.problems(config)).isEmpty();
    }

    @Test
    void saysWhenNoBrokerAnswers() throws Exception {
        JobConfig config = JobRun.config(BROKER, "nobody", "--bootstrap-servers", "127.0.0.1:1");
        assertThat(KafkaPreflight.problems(config))
                .singleElement()
                .asString()
                .startsWith("no Kafka broker answered at 127.0.0.1:1 within");
    }
}
