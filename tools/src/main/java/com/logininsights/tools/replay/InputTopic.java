package com.logininsights.tools.replay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes replayed records to the job's input topic: the rejected record's key and value as they were, written now,
 * with a header naming the record they replay.
 */
final class InputTopic implements AutoCloseable {
    /** Names the record a replayed record replays, {@code topic/partition/offset}; the job ignores headers. */
    static final String REPLAY_OF_HEADER = "login-insights-replay-of";

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    /** What was delivered once every send was acknowledged or failed. */
    record Delivery(long sent, long failed, String firstFailure) {}

    InputTopic(String bootstrapServers, Map<String, String> kafkaProperties, String topic, Duration timeout) {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        settings.putAll(kafkaProperties);
        this.producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    void send(DeadLetter letter) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                topic,
                null,
                null,
                letter.key(),
                letter.payload(),
                List.of(new RecordHeader(REPLAY_OF_HEADER, letter.source().id().getBytes(StandardCharsets.UTF_8))));
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    sent.incrementAndGet();
                } else {
                    failed(failure);
                }
            });
        } catch (KafkaException e) {
            failed(e);
        }
    }

    /** Waits for every send to be acknowledged or to fail. */
    Delivery finish() {
        producer.flush();
        return new Delivery(sent.get(), failed.get(), firstFailure.get());
    }

    private void failed(Exception failure) {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
