package com.logininsights.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the broker, about once a second, where each partition a source reader owns ends: the offset at and after
 * which nothing is readable yet. With the reader's own position in each partition, that tells the reader which
 * partitions it has read to the end (see {@link ReadToEndReader}).
 *
 * <p>It runs on a thread of its own, with a consumer of its own that never joins the group or commits: an answer
 * may take a while, or not come at all while the broker is away, and the task's thread must not wait for it. When no
 * answer comes, it says nothing, and what it said before goes stale.
 *
 * <p>Offsets are not counts: a transaction's commit or abort marker takes an offset, and with {@code read_committed}
 * aborted records are never delivered. So when a partition has not moved for a whole round while its reported end
 * lies ahead, the watch reads from the reader's position once: if nothing comes back before the end, the partition
 * is read to the end there.
 */
final class EndOffsetWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EndOffsetWatch.class);

    /**
     * One round of answers: nothing readable at or after {@code ends} (per partition) except what was appended after
     * {@code askedAtNanos}; {@code starts} resolves where a split that starts at the earliest or committed offset
     * begins.
     */
    record Round(long askedAtNanos, Map<TopicPartition, Long> ends, Map<TopicPartition, Long> starts) {}

    private final Properties consumerProperties;
    private final Duration interval;
    /** How long one question may take: past it, the previous answer is about to go stale anyway. */
    private final Duration patience;

    private final Consumer<Round> onRound;
    private final Thread thread;
    /** Per partition, the reader's position, or a {@link KafkaPartitionSplit} marker for where it starts. */
    private volatile Map<TopicPartition, Long> positions = Map.of();

    private volatile boolean closed;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Long> positionsLastRound = new HashMap<>();
    private boolean answering = true;

    EndOffsetWatch(
            Properties consumerProperties, Duration interval, Duration patience, String name, Consumer<Round> onRound) {
        this.consumerProperties = consumerProperties;
        this.interval = interval;
        this.patience = patience;
        this.onRound = onRound;
        this.thread = new Thread(this::run, "end-offset-watch-" + name);
        this.thread.setDaemon(true);
    }

    /**
     * The settings of the watch's own consumer: the source's connection and security settings, the source's group
     * only to read its committed offsets, and fetches of one record at most (it only needs to know whether there is
     * one).
     */
    static Properties consumerProperties(Properties source, String clientId) {
        Properties properties = new Properties();
        properties.putAll(source);
        properties.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        properties.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        properties.setProperty(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "1");
        properties.setProperty(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, "1");
        properties.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.setProperty(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties;
    }

    void start() {
        thread.start();
    }

    /** The partitions to ask about, with the reader's position in each; replaces the previous ones. */
    void watch(Map<TopicPartition, Long> positionsOrStartMarkers) {
        positions = Map.copyOf(positionsOrStartMarkers);
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> owned = new KafkaConsumer<>(consumerProperties)) {
            consumer = owned;
            while (!closed) {
                long started = System.nanoTime();
                round(owned);
                long restMillis = interval.toMillis() - (System.nanoTime() - started) / 1_000_000;
                if (restMillis > 0 && !closed) {
                    Thread.sleep(restMillis);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.error("The end-offset watch stopped; every partition keeps holding event time back", e);
            }
        }
    }

    private void round(KafkaConsumer<byte[], byte[]> kafka) {
        Map<TopicPartition, Long> asked = positions;
        long askedAt = System.nanoTime();
        if (asked.isEmpty()) {
            // Nothing to ask, but the reader still keeps time by the rounds: a reader that owns no partition goes idle.
            onRound.accept(new Round(askedAt, Map.of(), Map.of()));
            return;
        }
        try {
            Map<TopicPartition, Long> ends = new HashMap<>(kafka.endOffsets(asked.keySet(), patience));
            Map<TopicPartition, Long> starts = resolveStarts(kafka, asked);
            for (Map.Entry<TopicPartition, Long> entry : asked.entrySet()) {
                TopicPartition partition = entry.getKey();
                long position = entry.getValue();
                Long end = ends.get(partition);
                boolean stoodStill = Long.valueOf(position).equals(positionsLastRound.get(partition));
                if (end != null
                        && position >= 0
                        && position < end
                        && stoodStill
                        && nothingReadable(kafka, partition, position, end)) {
                    ends.put(partition, position);
                }
            }
            positionsLastRound.clear();
            positionsLastRound.putAll(asked);
            if (!answering) {
                LOG.info("The broker answers again where the partitions end: {}", ends);
                answering = true;
            }
            onRound.accept(new Round(askedAt, ends, starts));
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            if (closed) {
                return;
            }
            if (answering) {
                LOG.warn(
                        "No answer from the broker on where the partitions end ({}); until there is, every partition"
                                + " keeps holding event time back",
                        e.toString());
                answering = false;
            }
        }
    }

    /** Where splits that start at the earliest or at the committed offset begin; others need no answer. */
    private Map<TopicPartition, Long> resolveStarts(
            KafkaConsumer<byte[], byte[]> kafka, Map<TopicPartition, Long> asked) {
        Set<TopicPartition> earliest = new HashSet<>();
        Set<TopicPartition> committed = new HashSet<>();
        asked.forEach((partition, position) -> {
            if (position == KafkaPartitionSplit.EARLIEST_OFFSET) {
                earliest.add(partition);
            } else if (position == KafkaPartitionSplit.COMMITTED_OFFSET) {
                committed.add(partition);
            }
        });
        Map<TopicPartition, Long> starts = new HashMap<>();
        if (!committed.isEmpty()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = kafka.committed(committed, patience);
            committed.forEach(partition -> {
                OffsetAndMetadata offset = offsets.get(partition);
                if (offset != null) {
                    starts.put(partition, offset.offset());
                } else {
                    earliest.add(partition); // the source's reset strategy is the earliest offset
                }
            });
        }
        if (!earliest.isEmpty()) {
            starts.putAll(kafka.beginningOffsets(earliest, patience));
        }
        return starts;
    }

    /** Whether nothing is readable from {@code position} up to {@code end}: only markers or aborted records. */
    private boolean nothingReadable(
            KafkaConsumer<byte[], byte[]> kafka, TopicPartition partition, long position, long end) {
        kafka.assign(List.of(partition));
        try {
            kafka.seek(partition, position);
            long deadline = System.nanoTime() + patience.toNanos();
            // Each fetch brings one batch at most: markers and aborted batches are stepped over one at a time.
            while (System.nanoTime() < deadline) {
                if (!kafka.poll(interval).isEmpty()) {
                    return false;
                }
                if (kafka.position(partition, patience) >= end) {
                    return true;
                }
            }
            return false;
        } finally {
            kafka.assign(List.of());
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        KafkaConsumer<byte[], byte[]> running = consumer;
        if (running != null) {
            running.wakeup();
        }
        thread.interrupt();
        thread.join(patience.plus(interval).multipliedBy(2).toMillis());
    }
}
