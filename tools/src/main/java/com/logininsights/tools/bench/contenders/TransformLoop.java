package com.logininsights.tools.bench.contenders;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The consume-transform-produce loop of the two reference contenders, the way a careful user writes it with plain
 * kafka-clients: one consumer, one producer, one thread.
 *
 * <p>Transactional: each transaction carries the outputs and the consumed offsets
 * ({@code sendOffsetsToTransaction}), and commits every {@code commitEveryRecords} records or
 * {@code commitEvery}, whichever comes first; on an error that is not fatal it aborts and rewinds the consumer to
 * the last committed offsets, so nothing is lost or doubled. At-least-once: the producer is flushed before the
 * offsets are committed, so an offset is never committed ahead of its output.
 *
 * <p>Bounded: it stops at the end offsets present at start (as the job's {@code --bounded} does); otherwise it
 * runs until SIGTERM, then commits what it has and exits.
 */
final class TransformLoop {
    /**
     * Settings shared by the contenders; the producer's match the job's sinks (linger 10 ms, 128 KiB batches, lz4).
     *
     * @param kafkaProperties laid over the consumer's and the producer's own settings, as the job lays its
     *     {@code --kafka-property} over its source's and sinks'
     */
    record Settings(
            String bootstrapServers,
            String inputTopic,
            String groupId,
            boolean transactional,
            boolean bounded,
            long commitEveryRecords,
            Duration commitEvery,
            Map<String, String> kafkaProperties) {}

    private final Settings settings;
    private final Function<ConsumerRecord<byte[], byte[]>, ProducerRecord<byte[], byte[]>> transform;
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;
    private long sinceCommit;
    private long lastCommitNanos;

    TransformLoop(
            Settings settings, Function<ConsumerRecord<byte[], byte[]>, ProducerRecord<byte[], byte[]>> transform) {
        this.settings = settings;
        this.transform = transform;
    }

    /** Runs to the end (bounded) or until SIGTERM; the process's exit code. */
    int runInMain() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAndWait, "loop-shutdown"));
        try {
            run();
            return 0;
        } catch (Exception e) {
            System.err.println("error: " + e);
            e.printStackTrace();
            return 1;
        } finally {
            finished.countDown();
        }
    }

    private void stopAndWait() {
        stopRequested = true;
        if (consumer != null) {
            consumer.wakeup();
        }
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void run() throws Exception {
        consumer = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        producer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
        try {
            Map<TopicPartition, Long> stopAt = settings.bounded() ? endOffsets() : Map.of();
            consumer.subscribe(List.of(settings.inputTopic()), new CommitBeforeRevoke());
            if (settings.transactional()) {
                producer.initTransactions();
                producer.beginTransaction();
            }
            lastCommitNanos = System.nanoTime();
            while (!stopRequested && !(settings.bounded() && reached(stopAt))) {
                try {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        producer.send(transform.apply(record), (metadata, e) -> {
                            if (e != null) {
                                sendFailure.compareAndSet(null, e);
                            }
                        });
                        uncommitted.put(
                                new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1));
                        sinceCommit++;
                    }
                    if (sinceCommit >= settings.commitEveryRecords()
                            || System.nanoTime() - lastCommitNanos
                                    >= settings.commitEvery().toNanos()) {
                        commit(true);
                    }
                } catch (WakeupException stop) {
                    break;
                } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException fatal) {
                    throw fatal;
                } catch (KafkaException e) {
                    if (!settings.transactional()) {
                        throw e;
                    }
                    System.err.println("aborting the transaction and rewinding after: " + e);
                    producer.abortTransaction();
                    rewind();
                    producer.beginTransaction();
                }
            }
            commit(false);
        } finally {
            producer.close(Duration.ofSeconds(30));
            consumer.close(Duration.ofSeconds(30));
        }
    }

    /** Commits the outputs and offsets so far; starts the next transaction if asked to. */
    private void commit(boolean continueAfter) {
        if (settings.transactional()) {
            if (!uncommitted.isEmpty()) {
                producer.sendOffsetsToTransaction(uncommitted, consumer.groupMetadata());
            }
            producer.commitTransaction();
            if (continueAfter) {
                producer.beginTransaction();
            }
        } else {
            producer.flush();
            if (sendFailure.get() != null) {
                throw new KafkaException("a record could not be written", sendFailure.get());
            }
            if (!uncommitted.isEmpty()) {
                consumer.commitSync(uncommitted);
            }
        }
        committed.putAll(uncommitted);
        uncommitted.clear();
        sinceCommit = 0;
        lastCommitNanos = System.nanoTime();
    }

    /** After an abort: read again from the last committed offsets, or from the start where nothing was committed. */
    private void rewind() {
        for (TopicPartition partition : consumer.assignment()) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset);
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
        uncommitted.clear();
        sendFailure.set(null);
        sinceCommit = 0;
    }

    private Map<TopicPartition, Long> endOffsets() {
        List<TopicPartition> partitions = consumer.partitionsFor(settings.inputTopic()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        return new HashMap<>(consumer.endOffsets(partitions));
    }

    private boolean reached(Map<TopicPartition, Long> stopAt) {
        if (!consumer.assignment().containsAll(stopAt.keySet())) {
            return false;
        }
        stopAt.entrySet().removeIf(entry -> consumer.position(entry.getKey()) >= entry.getValue());
        return stopAt.isEmpty();
    }

    /** A partition about to move to another instance takes its finished work along: commit before giving it up. */
    private final class CommitBeforeRevoke implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty() && sinceCommit > 0) {
                commit(true);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Another instance owns them now and will redo their uncommitted records: ours must not commit.
            if (settings.transactional() && sinceCommit > 0) {
                producer.abortTransaction();
                uncommitted.clear();
                sinceCommit = 0;
                producer.beginTransaction();
            }
        }
    }

    private Properties consumerProperties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.putAll(settings.kafkaProperties());
        return properties;
    }

    private Properties producerProperties() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(128 * 1024));
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // The ceiling copies the 200 KiB too_large records as they are.
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(1024 * 1024));
        if (settings.transactional()) {
            properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.groupId() + "-tx");
            properties.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
        }
        properties.putAll(settings.kafkaProperties());
        return properties;
    }

    static Settings settings(LoopArgs args) {
        return new Settings(
                args.required("--bootstrap-servers"),
                args.required("--input"),
                args.required("--group-id"),
                args.has("--transactional"),
                args.has("--bounded"),
                args.number("--commit-every-records", 100_000),
                Duration.ofMillis(args.number("--commit-every-ms", 1_000)),
                args.kafkaProperties());
    }
}
