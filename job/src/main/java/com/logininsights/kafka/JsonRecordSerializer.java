package com.logininsights.kafka;

import com.logininsights.output.JsonRenderer;
import com.logininsights.output.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes each element to one topic as a Kafka record: a text key and a JSON value. The record's timestamp is left to
 * Kafka (the time it is written): an event's own time is in its JSON, and stamping records with it would let a
 * topic's retention delete a backfill of old events as soon as it is written. One writer per sink subtask, made in {@link #open}, serves every record, so a record costs one copy of
 * its bytes and no new buffers. It names its topic to the Kafka sink, which POOLING transaction naming requires: at
 * start it lists the open transactions on the sink's topics to abort those it owns.
 */
final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T>, KafkaDatasetFacetProvider {
    private final String topic;
    private final SerializableFunction<T, String> key;
    private final JsonRenderer<T> value;
    private transient JsonWriter json;

    JsonRecordSerializer(String topic, SerializableFunction<T, String> key, JsonRenderer<T> value) {
        this.topic = topic;
        this.key = key;
        this.value = value;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        json = new JsonWriter();
    }

    @Override
    public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
        return Optional.of(new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(List.of(topic))));
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long eventTime) {
        return new ProducerRecord<>(
                topic, null, null, key.apply(element).getBytes(StandardCharsets.UTF_8), value.render(element, json));
    }
}
