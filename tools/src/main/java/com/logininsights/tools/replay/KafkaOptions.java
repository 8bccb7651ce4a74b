package com.logininsights.tools.replay;

import com.logininsights.tools.CommittedConsumer;
import com.logininsights.tools.cli.Converters;
import com.logininsights.tools.cli.DurationConverter;
import com.logininsights.tools.cli.UsageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Option;

/** Where the broker is and how to talk to it; the same for both replay commands. */
final class KafkaOptions {
    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            defaultValue = "localhost:29092",
            converter = Converters.NonBlank.class,
            description = "Kafka brokers (default: ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(
            names = "--kafka-property",
            paramLabel = "KEY=VALUE",
            converter = Converters.KeyValue.class,
            description = "Kafka client setting for the consumer and producer, e.g. security.protocol=SSL;"
                    + " repeatable (default: none)")
    List<Map.Entry<String, String>> kafkaProperties = new ArrayList<>();

    @Option(
            names = "--connect-timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.Positive.class,
            description = "how long to wait for the broker (default: ${DEFAULT-VALUE})")
    Duration connectTimeout;

    /** A read_committed consumer; settings the client rejects are a bad flag. */
    KafkaConsumer<byte[], byte[]> consumer() throws UsageException {
        try {
            return CommittedConsumer.create(bootstrapServers, properties());
        } catch (KafkaException e) {
            throw new UsageException("--kafka-property: the Kafka consumer rejects its settings: " + e.getMessage());
        }
    }

    InputTopic inputTopic(String topic) throws UsageException {
        try {
            return new InputTopic(bootstrapServers, properties(), topic, connectTimeout);
        } catch (KafkaException e) {
            throw new UsageException("--kafka-property: the Kafka producer rejects its settings: " + e.getMessage());
        }
    }

    Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        kafkaProperties.forEach(property -> properties.put(property.getKey(), property.getValue()));
        return properties;
    }
}
