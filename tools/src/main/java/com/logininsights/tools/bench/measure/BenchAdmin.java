package com.logininsights.tools.bench.measure;

import com.logininsights.tools.bench.contenders.RunTopics;
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
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** The topic chores of a benchmark: fresh topics per run, deleted again afterwards; end offsets for progress. */
public final class BenchAdmin implements AutoCloseable {
    /** The broker stamps each batch when it appends it: one clock for every contender, and no producer's say. */
    static final Map<String, String> LOG_APPEND_TIME = Map.of("message.timestamp.type", "LogAppendTime");

    private final Admin admin;

    public BenchAdmin(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        this.admin = Admin.create(properties);
    }

    /**
     * A run's output topics, laid out as production lays them out: the enriched events and the alerts as wide as the
     * input, one partition for the dead letters and the insights.
     */
    public void createOutputs(RunTopics topics, int inputPartitions) throws IOException {
        create(topics.processed(), inputPartitions);
        create(topics.deadLetters(), 1);
        create(topics.insights(), 1);
        create(topics.alerts(), inputPartitions);
    }

    public void create(String topic, int partitions) throws IOException {
        await(
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(LOG_APPEND_TIME)))
                        .all(),
                "create topic " + topic);
    }

    void delete(Collection<String> topics) throws IOException {
        await(admin.deleteTopics(topics).all(), "delete topics " + topics);
    }

    /** The topics' partitions; waits briefly for topics created a moment ago to be known everywhere. */
    List<TopicPartition> partitions(Collection<String> topics) throws IOException {
        Map<String, TopicDescription> described = null;
        for (int attempt = 1; described == null; attempt++) {
            try {
                described = await(admin.describeTopics(topics).allTopicNames(), "describe topics " + topics);
            } catch (IOException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt == 50) {
                    throw e;
                }
                sleep(200);
            }
        }
        return described.values().stream()
                .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                .toList();
    }

    /** The sum of the topics' end offsets: records plus transaction markers, good enough to show progress. */
    long endOffsetSum(List<TopicPartition> partitions) throws IOException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        return await(admin.listOffsets(latest).all(), "list offsets").values().stream()
                .mapToLong(info -> info.offset())
                .sum();
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) throws IOException {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("could not " + what + " within 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while trying to " + what);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
