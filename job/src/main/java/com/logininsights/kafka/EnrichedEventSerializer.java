package com.logininsights.kafka;

import com.logininsights.model.LoginEvent;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Enriched events keyed by user_id, so that one user's logins stay in order in one partition. */
final class EnrichedEventSerializer implements KafkaRecordSerializationSchema<LoginEvent> {
    private final String topic;

    EnrichedEventSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(LoginEvent event, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                event.eventTimeMillis(),
                event.userId().getBytes(StandardCharsets.UTF_8),
                OutputJson.enrichedEvent(event));
    }
}
