package com.logininsights.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.logininsights.common.broker.BrokerClients.Record;
import com.logininsights.config.JobConfig;
import com.logininsights.testing.JobRun;
import com.logininsights.testing.KafkaBroker;
import com.logininsights.testing.Outputs;
import com.logininsights.testing.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** (a) Every kind of input, valid and broken, comes out exactly once, in the right topic, with the right reason. */
class MixedInputIT {
    @RegisterExtension
    @Order(1)
    static final KafkaBroker BROKER = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = JobRun.miniCluster();

    @Test
    void everyRecordEndsUpExactlyOnceInTheEnrichedOrTheDeadLetterTopic() throws Exception {
        JobConfig config = JobRun.config(BROKER, "mixed", "--bounded", "--parallelism", "2");
        JobRun.createTopics(BROKER, config, 2);
        List<Sample> samples = Sample.all();
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            records.add(new Record(i % 2, samples.get(i).value()));
        }
        List<RecordMetadata> written = BROKER.produce(config.inputTopic(), records);
        Map<String, Sample> sampleAt = new HashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            sampleAt.put(written.get(i).partition() + "/" + written.get(i).offset(), samples.get(i));
        }
        long validCount = samples.stream().filter(Sample::valid).count();

        JobRun.runToEnd(config);

        List<JsonNode> enriched = Outputs.values(BROKER.readCommitted(
                config.processedTopic(), Duration.ofSeconds(30), read -> read.size() >= validCount));
        List<JsonNode> deadLetters = Outputs.values(BROKER.readCommitted(
                config.deadLetterTopic(), Duration.ofSeconds(30), read -> read.size() >= samples.size() - validCount));

        Map<String, Integer> timesSeen = new HashMap<>();
        for (JsonNode event : enriched) {
            String position = Outputs.sourcePosition(event);
            timesSeen.merge(position, 1, Integer::sum);
            assertThat(sampleAt.get(position).valid())
                    .as("accepted: %s", sampleAt.get(position))
                    .isTrue();
        }
        for (JsonNode letter : deadLetters) {
            String position = Outputs.sourcePosition(letter);
            timesSeen.merge(position, 1, Integer::sum);
            Sample sample = sampleAt.get(position);
            assertThat(sample.valid()).as("rejected: %s", sample).isFalse();
            assertThat(letter.get("reason").asText())
                    .as("reason for %s", sample)
                    .isEqualTo(sample.expectedReason().code());
            assertThat(letter.get("message").asText()).isNotBlank();
            assertThat(letter.get("source").get("topic").asText()).isEqualTo(config.inputTopic());
        }
        assertThat(timesSeen).hasSize(samples.size());
        assertThat(timesSeen.values()).containsOnly(1);
    }
}
