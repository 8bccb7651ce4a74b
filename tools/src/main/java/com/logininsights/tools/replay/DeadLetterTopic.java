package com.logininsights.tools.replay;

import com.logininsights.common.Durations;
import com.logininsights.common.kafka.CommittedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Reads a dead-letter topic as a reader must (read_committed), from its beginning up to the end offsets it had when
 * reading began, then stops: dead letters the job writes meanwhile (a replay rejected again, say) are left for the
 * next run.
 */
final class DeadLetterTopic {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String bootstrapServers;
    private final String topic;
    private final Duration timeout;
    private final PrintWriter progress;

    /** What reading found, one dead letter or one unreadable record at a time. */
    interface Reader {
        void letter(DeadLetter letter) throws IOException;

        void unreadable(String where, String why);
    }

    DeadLetterTopic(
            KafkaConsumer<byte[], byte[]> consumer,
            String bootstrapServers,
            String topic,
            Duration timeout,
            PrintWriter progress) {
        this.consumer = consumer;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.timeout = timeout;
        this.progress = progress;
    }

    /** Reads every dead letter up to the end at start; returns how many records were read. */
    long readAll(Reader reader) throws IOException {
        List<TopicPartition> partitions =
                CommittedReader.partitionsOf(consumer, bootstrapServers, List.of(topic), timeout);
        Map<TopicPartition, Long> ends;
        Map<TopicPartition, Long> beginnings;
        try {
            ends = consumer.endOffsets(partitions, timeout);
            beginnings = consumer.beginningOffsets(partitions, timeout);
        } catch (TimeoutException e) {
            throw new IOException("no Kafka broker answered on " + bootstrapServers + " within "
                    + Durations.format(timeout) + "; check --bootstrap-servers");
        }
        long upTo = partitions.stream()
                .mapToLong(p -> ends.get(p) - beginnings.get(p))
                .sum();
        progress.printf(
                Locale.ROOT,
                "Reading %s (%d partition%s, up to %,d records: its end when reading began)%n",
                topic,
                partitions.size(),
                partitions.size() == 1 ? "" : "s",
                upTo);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Set<TopicPartition> remaining = new HashSet<>(partitions);
        remaining.removeIf(partition -> ends.get(partition) <= beginnings.get(partition));
        long read = 0;
        long lastProgress = System.nanoTime();
        long lastRecord = System.nanoTime();
        while (!remaining.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= ends.get(partition)) {
                    continue; // written after reading began
                }
                read++;
                lastRecord = System.nanoTime();
                String where = record.topic() + "/" + record.partition() + "/" + record.offset();
                if (record.value() == null) {
                    reader.unreadable(where, "no value");
                    continue;
                }
                try {
                    reader.letter(DeadLetterJson.read(record.value()));
                } catch (DeadLetterJson.InvalidDeadLetter e) {
                    reader.unreadable(where, e.getMessage());
                }
            }
            remaining.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
            consumer.pause(partitionsNotIn(remaining, partitions));
            if (System.nanoTime() - lastProgress > PROGRESS_EVERY.toNanos()) {
                progress.printf(Locale.ROOT, "  read %,d of up to %,d%n", read, upTo);
                progress.flush();
                lastProgress = System.nanoTime();
            }
            if (!remaining.isEmpty() && System.nanoTime() - lastRecord > timeout.toNanos()) {
                throw new IOException("reading " + topic + " made no progress for " + Durations.format(timeout)
                        + "; read " + read + " records, still to read: " + remaining);
            }
        }
        return read;
    }

    private static Set<TopicPartition> partitionsNotIn(Set<TopicPartition> remaining, List<TopicPartition> all) {
        Set<TopicPartition> done = new HashSet<>(all);
        done.removeAll(remaining);
        return done;
    }
}
