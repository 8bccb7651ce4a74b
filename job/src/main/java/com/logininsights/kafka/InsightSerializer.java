package com.logininsights.kafka;

import com.logininsights.insights.InsightRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Insights keyed by window and value, so that a compacted topic keeps the latest revision of each. */
final class InsightSerializer implements KafkaRecordSerializationSchema<InsightRecord> {
    private final String topic;

    InsightSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(InsightRecord insight, KafkaSinkContext context, Long ts) {
        return new ProducerRecord<>(topic, insight.key().getBytes(StandardCharsets.UTF_8), insight.json());
    }
}
