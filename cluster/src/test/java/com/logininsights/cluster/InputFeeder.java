package com.logininsights.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes login records to the input topic at a steady pace, like a live upstream, alternating between partitions, and
 * remembers every acknowledged record's position and whether it is valid.
 *
 * <p>Valid logins carry the wall clock minus one hour as their event time (whole seconds), so each partition's event
 * times rise in order, as live data would. Every tenth record is malformed, taking turns among {@link #MALFORMED}.
 * Malformed records never move the watermark.
 *
 * <p>Because both partitions keep receiving valid events, no partition goes quiet while the feeder runs, so event
 * time keeps advancing and windows keep closing, including right after a restart or a resume (FLINK-40504 needs
 * every partition of a source subtask to go quiet and resume).
 */
final class InputFeeder implements AutoCloseable {
    /** What a record is, and the dead-letter reason the job owes it (null: accepted). */
    enum Kind {
        VALID(null),
        NOT_JSON("not_json"),
        WRONG_TYPE("wrong_type");

        final String reason;

        Kind(String reason) {
            this.reason = reason;
        }

        boolean valid() {
            return this == VALID;
        }
    }

    /** The malformed records, taking turns: not JSON, and a number where the user id's string belongs. */
    static final Map<Kind, String> MALFORMED = Map.of(
            Kind.NOT_JSON, "not json",
            Kind.WRONG_TYPE, "{\"user_id\": 42, \"timestamp\": 1}");

    private final String topic;
    private final int partitions;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "input-feeder");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Kind> acknowledged = new ConcurrentHashMap<>();
    private volatile Exception failure;
    private volatile boolean closed;

    InputFeeder(String bootstrapServers, String topic, int partitions) {
        this.topic = topic;
        this.partitions = partitions;
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Starts writing one record every {@code periodMillis}. */
    void start(long periodMillis) {
        timer.scheduleAtFixedRate(this::sendOne, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void sendOne() {
        long n = sequence.getAndIncrement();
        int partition = (int) (n % partitions);
        // One in ten malformed, on both partitions: 7 is odd (partition 1 of 2), 14 even (partition 0).
        Kind kind = n % 20 == 7 ? Kind.NOT_JSON : n % 20 == 14 ? Kind.WRONG_TYPE : Kind.VALID;
        String value = kind.valid()
                ? login("user-" + (n % 97), System.currentTimeMillis() / 1000 - 3600)
                : MALFORMED.get(kind);
        producer.send(
                new ProducerRecord<>(topic, partition, null, value.getBytes(StandardCharsets.UTF_8)),
                (metadata, exception) -> {
                    if (exception != null) {
                        failure = exception;
                    } else {
                        acknowledged.put(metadata.partition() + "/" + metadata.offset(), kind);
                    }
                });
    }

    static String login(String userId, long timestampSeconds) {
        return "{\"user_id\": \"" + userId + "\", \"app_version\": \"2.3.0\", \"device_type\": \"android\", "
                + "\"ip\": \"199.172.111.135\", \"locale\": \"RU\", \"device_id\": \"593-47-5928\", "
                + "\"timestamp\": " + timestampSeconds + "}";
    }

    /** "partition/offset" of every record acknowledged so far, and what it is. */
    Map<String, Kind> acknowledged() {
        if (failure != null) {
            throw new IllegalStateException("the feeder could not write to " + topic, failure);
        }
        if (!closed) {
            producer.flush();
        }
        return Map.copyOf(acknowledged);
    }

    /** Stops writing and waits until everything written is acknowledged; closing twice is harmless. */
    @Override
    public void close() throws InterruptedException {
        if (closed) {
            return;
        }
        timer.shutdown();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        producer.close();
        closed = true;
    }
}
