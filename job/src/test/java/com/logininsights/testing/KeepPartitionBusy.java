package com.logininsights.testing;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Keeps one partition from going idle while a test waits between phases, as a live upstream would, by writing a
 * malformed record ({@value #PAYLOAD}) to it every 100 ms. Malformed records count as activity but can never move
 * the watermark, so they change no window figure; they end as {@code missing_timestamp} dead letters.
 *
 * <p>Why a test needs it: when every partition goes quiet at once and then resumes, Flink 2.2 can leave a source
 * subtask marked idle downstream (FLINK-40504, unresolved upstream), and a window then waits for a watermark that
 * never comes. A stream whose partitions all stop and start together is an artefact of a test's pauses.
 */
public final class KeepPartitionBusy implements AutoCloseable {
    public static final String PAYLOAD = "{\"user_id\": \"keep-busy\"}";

    private final KafkaProducer<byte[], byte[]> producer;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger sent = new AtomicInteger();

    public KeepPartitionBusy(KafkaBroker broker, String topic, int partition) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
        byte[] value = PAYLOAD.getBytes(StandardCharsets.UTF_8);
        timer.scheduleAtFixedRate(() -> {
            producer.send(new ProducerRecord<>(topic, partition, null, value));
            sent.incrementAndGet();
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    /** Stops writing and waits until everything written is acknowledged; closing twice is harmless. */
    @Override
    public void close() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        producer.close();
    }

    /** How many it wrote; valid once closed. */
    public int sent() {
        return sent.get();
    }
}
