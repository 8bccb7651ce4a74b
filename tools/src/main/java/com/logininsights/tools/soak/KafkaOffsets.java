package com.logininsights.tools.soak;

import com.logininsights.common.Topics;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The broker's side of a soak: the job's topics, and the offsets that give rates and consumer lag. The job's Kafka
 * source commits its group's offsets when a checkpoint completes, so the lag against committed offsets is what Kafka
 * monitoring (and an operator) sees; it includes up to one checkpoint interval of records by design.
 */
final class KafkaOffsets implements AutoCloseable {
    private static final int TIMEOUT_SECONDS = 10;

    /** End offsets (records and transaction markers) summed over a topic's partitions. */
    record Ends(long input, long outputs) {}

    private final Admin admin;
    private final Topics topics;
    private final String groupId;
    private List<TopicPartition> inputPartitions;
    private List<TopicPartition> outputPartitions;

    KafkaOffsets(String bootstrapServers, Topics topics, String groupId) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_SECONDS * 1000);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_SECONDS * 1000);
        this.admin = Admin.create(properties);
        this.topics = topics;
        this.groupId = groupId;
    }

    /** The job's four topics: the input with the partitions asked for, the insights compacted, as in production. */
    void createTopics(int inputPartitions) throws IOException {
        await(admin.createTopics(topics.toCreate(inputPartitions)).all(), "create the job's topics");
        this.inputPartitions = partitions(List.of(topics.input()));
        this.outputPartitions = partitions(List.of(topics.processed(), topics.deadLetters()));
    }

    /** Input, and the outputs every input record ends in exactly once: the enriched topic and the dead letters. */
    Ends ends() throws IOException {
        Map<TopicPartition, Long> ends = endOffsets(inputPartitions, outputPartitions);
        return new Ends(
                inputPartitions.stream().mapToLong(ends::get).sum(),
                outputPartitions.stream().mapToLong(ends::get).sum());
    }

    /** Records in the input topic past the group's committed offsets (all of a partition without a commit yet). */
    long lag(long inputEnd) throws IOException {
        Map<TopicPartition, OffsetAndMetadata> committed = await(
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(), "read committed offsets");
        long committedSum = 0;
        for (TopicPartition partition : inputPartitions) {
            OffsetAndMetadata offset = committed.get(partition);
            committedSum += offset == null ? 0 : offset.offset();
        }
        return inputEnd - committedSum;
    }

    private Map<TopicPartition, Long> endOffsets(List<TopicPartition> first, List<TopicPartition> second)
            throws IOException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        first.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        second.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        await(admin.listOffsets(latest).all(), "read end offsets")
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** The topics' partitions; topics created a moment ago can take a moment to be known everywhere. */
    private List<TopicPartition> partitions(Collection<String> names) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return await(admin.describeTopics(names).allTopicNames(), "describe " + names).values().stream()
                        .flatMap(topic ->
                                topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                        .toList();
            } catch (IOException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt == 50) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for topics " + names);
                }
            }
        }
    }

    private static <T> T await(KafkaFuture<T> future, String what) throws IOException {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("could not " + what + " within " + TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while trying to " + what);
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
