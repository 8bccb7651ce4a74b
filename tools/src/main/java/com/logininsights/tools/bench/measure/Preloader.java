package com.logininsights.tools.bench.measure;

import com.logininsights.tools.generator.GeneratedRecord;
import com.logininsights.tools.generator.LoginRecordFactory;
import com.logininsights.tools.generator.RecordMix;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Fills the input topic with the generator's records before anything is measured, as fast as the producer goes.
 * Event times follow a fixed schedule of {@value #EVENT_RATE} records per second that ends a few minutes ago, so
 * the same seed gives the same bytes in every benchmark, and no event is in the future (which the job would reject).
 */
public final class Preloader {
    static final int EVENT_RATE = 5_000;
    static final double BAD_SHARE = 0.03;
    private static final Duration SCHEDULE_ENDS_BEFORE_NOW = Duration.ofMinutes(2);

    /** What went into the input topic. */
    public record Loaded(long records, long malformed, long bytes, Duration took) {}

    private Preloader() {}

    public static Loaded preload(
            String bootstrapServers, String topic, int partitions, long records, long seed, Progress progress) {
        return preload(bootstrapServers, topic, partitions, records, seed, BAD_SHARE, EVENT_RATE, progress);
    }

    /** The same with another share of malformed records and another pace of event time, for tests. */
    public static Loaded preload(
            String bootstrapServers,
            String topic,
            int partitions,
            long records,
            long seed,
            double badShare,
            int eventRate,
            Progress progress) {
        long scheduleMillis = records * 1000 / eventRate;
        Instant start = Instant.now()
                .minus(SCHEDULE_ENDS_BEFORE_NOW)
                .minusMillis(scheduleMillis)
                .truncatedTo(ChronoUnit.SECONDS);
        LoginRecordFactory factory =
                new LoginRecordFactory(seed, start, new RecordMix(badShare, 0.04, Duration.ofSeconds(2), 100_000));
        AtomicReference<Exception> failure = new AtomicReference<>();
        long malformed = 0;
        long bytes = 0;
        long began = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                producerProperties(bootstrapServers), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < records; i++) {
                GeneratedRecord record = factory.next(i * 1000 / eventRate);
                malformed += record.kind().isMalformed() ? 1 : 0;
                bytes += record.value().length;
                producer.send(
                        new ProducerRecord<>(topic, (int) (i % partitions), null, record.value()), (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                if (i % 10_000 == 0) {
                    progress.update(String.format(java.util.Locale.ROOT, "preloading %,d / %,d records", i, records));
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("preloading failed: " + failure.get(), failure.get());
        }
        return new Loaded(records, malformed, bytes, Duration.ofNanos(System.nanoTime() - began));
    }

    private static Properties producerProperties(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // The generator's too_large records are 200 KiB on purpose.
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(1024 * 1024));
        return properties;
    }
}
