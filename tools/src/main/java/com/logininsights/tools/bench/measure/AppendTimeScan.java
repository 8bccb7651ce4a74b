package com.logininsights.tools.bench.measure;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads topics back as a {@code read_committed} reader would and keeps only what the rates need: the broker append
 * time of every record.
 */
public final class AppendTimeScan {
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);

    /**
     * What a set of topics holds: committed records and their append-time span.
     *
     * @param middleAppendMillis the append time that half of the records are at or after
     */
    public record Span(long records, long firstAppendMillis, long middleAppendMillis, long lastAppendMillis) {
        double perSecond() {
            return BenchStats.perSecond(records, firstAppendMillis, lastAppendMillis);
        }

        /** The rate over the later half of the records: the JIT compiler has mostly finished by then. */
        double secondHalfPerSecond() {
            return BenchStats.perSecond(secondHalfRecords(), middleAppendMillis, lastAppendMillis);
        }

        /** The records from the middle one to the last: the later half of the output. */
        long secondHalfRecords() {
            return records - records / 2;
        }
    }

    private AppendTimeScan() {}

    static Span scan(String bootstrapServers, BenchAdmin admin, Collection<String> topics) throws Exception {
        List<TopicPartition> partitions = admin.partitions(topics);
        try (KafkaConsumer<Void, Void> consumer =
                new KafkaConsumer<>(properties(bootstrapServers), new Ignoring(), new Ignoring())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // For read_committed, the end offsets are the last stable offsets: after every committed transaction.
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long records = 0;
            long[] appendTimes = new long[1 << 16];
            long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topics + " back took over " + GIVE_UP_AFTER);
                }
                for (ConsumerRecord<Void, Void> record : consumer.poll(Duration.ofMillis(200))) {
                    if (records == appendTimes.length) {
                        appendTimes = Arrays.copyOf(appendTimes, appendTimes.length * 2);
                    }
                    appendTimes[(int) records++] = record.timestamp();
                }
            }
            return span(Arrays.copyOf(appendTimes, (int) records));
        }
    }

    /** Each input record's append time, by partition and offset; -1 where an offset holds no record. */
    static Map<Integer, long[]> appendTimesByOffset(String bootstrapServers, BenchAdmin admin, String topic)
            throws Exception {
        List<TopicPartition> partitions = admin.partitions(List.of(topic));
        try (KafkaConsumer<Void, Void> consumer =
                new KafkaConsumer<>(properties(bootstrapServers), new Ignoring(), new Ignoring())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            Map<Integer, long[]> times = new HashMap<>();
            end.forEach((partition, offset) -> {
                long[] perOffset = new long[Math.toIntExact(offset)];
                Arrays.fill(perOffset, -1);
                times.put(partition.partition(), perOffset);
            });
            long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " back took over " + GIVE_UP_AFTER);
                }
                for (ConsumerRecord<Void, Void> record : consumer.poll(Duration.ofMillis(200))) {
                    long[] perOffset = times.get(record.partition());
                    if (record.offset() < perOffset.length) {
                        perOffset[(int) record.offset()] = record.timestamp();
                    }
                }
            }
            return times;
        }
    }

    /** The span of these append times; sorts them in place. */
    static Span span(long[] appendTimes) {
        if (appendTimes.length == 0) {
            return new Span(0, 0, 0, 0);
        }
        Arrays.sort(appendTimes);
        return new Span(
                appendTimes.length,
                appendTimes[0],
                appendTimes[appendTimes.length / 2],
                appendTimes[appendTimes.length - 1]);
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        end.entrySet().removeIf(entry -> consumer.position(entry.getKey()) >= entry.getValue());
        return end.isEmpty();
    }

    static Properties properties(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 * 1024 * 1024));
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
        return properties;
    }

    /** Keys and values are not needed, so they are not even copied out of the fetch buffers. */
    private static final class Ignoring implements Deserializer<Void> {
        @Override
        public Void deserialize(String topic, byte[] data) {
            return null;
        }

        @Override
        public Void deserialize(String topic, Headers headers, ByteBuffer data) {
            return null;
        }
    }
}
