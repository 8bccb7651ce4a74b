package com.logininsights.tools.liveview;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The input the view cannot see: enriched events and dead letters the job committed before the view started. The
 * newest arrival time among them is where the view's counts become complete: a window that begins after it has all
 * its input counted, an earlier one only part of it.
 */
final class InputBeforeStart {
    /** How far back to look for the last record before the start; transaction markers take offsets too. */
    private static final int LOOK_BACK = 200;

    private InputBeforeStart() {}

    /**
     * @param reader a read_committed consumer of its own, not assigned anything yet
     * @param starts where the view starts reading each enriched and dead-letter partition
     * @return the newest arrival time before the starts; empty when nothing came before them; {@code unknown} when
     *     it cannot be told (only aborted records within reach, or the broker too slow)
     */
    static Optional<Instant> newestArrival(
            KafkaConsumer<byte[], byte[]> reader, Map<TopicPartition, Long> starts, Instant unknown, Duration timeout) {
        Map<TopicPartition, Long> beginnings = reader.beginningOffsets(starts.keySet(), timeout);
        Set<TopicPartition> toRead = new HashSet<>();
        for (Map.Entry<TopicPartition, Long> start : starts.entrySet()) {
            if (start.getValue() > beginnings.get(start.getKey())) {
                toRead.add(start.getKey());
            }
        }
        if (toRead.isEmpty()) {
            return Optional.empty();
        }
        reader.assign(toRead);
        for (TopicPartition partition : toRead) {
            reader.seek(partition, Math.max(beginnings.get(partition), starts.get(partition) - LOOK_BACK));
        }
        Map<TopicPartition, Long> newest = new HashMap<>();
        Set<TopicPartition> reading = new HashSet<>(toRead);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reading.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < starts.get(partition)) {
                    SourceTimestamp.of(record.value())
                            .ifPresent(arrived -> newest.merge(partition, arrived, Math::max));
                }
            }
            reading.removeIf(partition -> reader.position(partition) >= starts.get(partition));
        }
        if (!reading.isEmpty() || !newest.keySet().containsAll(toRead)) {
            return Optional.of(unknown);
        }
        return newest.values().stream().max(Long::compare).map(Instant::ofEpochMilli);
    }
}
