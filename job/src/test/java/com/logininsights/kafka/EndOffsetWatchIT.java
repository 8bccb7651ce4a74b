package com.logininsights.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.common.broker.BrokerClients.Record;
import com.logininsights.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The watch against a real broker: where each partition ends, also when its tail is a transaction's marker or
 * aborted records that a {@code read_committed} reader never sees, and where a split that starts at the earliest or
 * committed offset begins.
 */
class EndOffsetWatchIT {
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    static final KafkaBroker BROKER = new KafkaBroker();

    private final BlockingQueue<EndOffsetWatch.Round> rounds = new LinkedBlockingQueue<>();

    private EndOffsetWatch watch(String bootstrapServers) {
        Properties source = new Properties();
        source.setProperty("bootstrap.servers", bootstrapServers);
        source.setProperty("group.id", "end-offset-watch-test");
        return new EndOffsetWatch(
                EndOffsetWatch.consumerProperties(source, "end-offset-watch-test"),
                INTERVAL,
                Duration.ofSeconds(2),
                "test",
                rounds::add);
    }

    /** The first round that satisfies {@code wanted}, or fails after the patience. */
    private EndOffsetWatch.Round awaitRound(Predicate<EndOffsetWatch.Round> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        EndOffsetWatch.Round last = null;
        while (System.nanoTime() < deadline) {
            EndOffsetWatch.Round round = rounds.poll(1, TimeUnit.SECONDS);
            if (round != null) {
                last = round;
                if (wanted.test(round)) {
                    return round;
                }
            }
        }
        throw new AssertionError("no such round within " + PATIENCE + "; the last: " + last);
    }

    private static void writeInTransactions(String topic, int committed, int aborted) throws InterruptedException {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers());
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic + "-writer");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < committed; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, bytes("committed " + i)));
            }
            producer.commitTransaction();
            if (aborted > 0) {
                producer.beginTransaction();
                for (int i = 0; i < aborted; i++) {
                    producer.send(new ProducerRecord<>(topic, 0, null, bytes("aborted " + i)));
                }
                producer.flush();
                producer.abortTransaction();
            }
        }
        BROKER.awaitTransactionMarkers(topic, PATIENCE);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachPartitionEndsAfterItsLastRecord() throws Exception {
        BROKER.createTopic("plain", 2);
        BROKER.produce("plain", List.of(Record.of(0, "{}"), Record.of(0, "{}"), Record.of(0, "{}")));
        TopicPartition p0 = new TopicPartition("plain", 0);
        TopicPartition p1 = new TopicPartition("plain", 1);
        try (EndOffsetWatch watch = watch(BROKER.bootstrapServers())) {
            watch.watch(Map.of(p0, 0L, p1, 0L));
            watch.start();

            EndOffsetWatch.Round round = awaitRound(r -> !r.ends().isEmpty());

            assertThat(round.ends()).isEqualTo(Map.of(p0, 3L, p1, 0L));
        }
    }

    @Test
    void aPartitionWhoseTailIsACommitMarkerIsReadToItsEndAfterItsLastRecord() throws Exception {
        BROKER.createTopic("committed-tail", 1);
        writeInTransactions("committed-tail", 2, 0);
        TopicPartition partition = new TopicPartition("committed-tail", 0);
        try (EndOffsetWatch watch = watch(BROKER.bootstrapServers())) {
            // The source has read both records: its position is 2, while the marker makes the end 3.
            watch.watch(Map.of(partition, 2L));
            watch.start();

            assertThat(awaitRound(r -> r.ends().containsKey(partition)).ends().get(partition))
                    .isEqualTo(3L);
            assertThat(awaitRound(r -> Long.valueOf(2).equals(r.ends().get(partition))))
                    .as("once the position has stood still for a round, the watch looks past the marker")
                    .isNotNull();
        }
    }

    @Test
    void abortedRecordsAtTheTailAreNotRecordsToRead() throws Exception {
        BROKER.createTopic("aborted-tail", 1);
        writeInTransactions("aborted-tail", 1, 5);
        TopicPartition partition = new TopicPartition("aborted-tail", 0);
        try (EndOffsetWatch watch = watch(BROKER.bootstrapServers())) {
            watch.watch(Map.of(partition, 1L));
            watch.start();

            assertThat(awaitRound(r -> r.ends().containsKey(partition)).ends().get(partition))
                    .as("one record, a marker, five aborted records and a marker")
                    .isEqualTo(8L);
            awaitRound(r -> Long.valueOf(1).equals(r.ends().get(partition)));
        }
    }

    @Test
    void recordsStillToReadKeepTheirEndWhateverHowLongThePositionStandsStill() throws Exception {
        BROKER.createTopic("unread", 1);
        writeInTransactions("unread", 3, 0);
        TopicPartition partition = new TopicPartition("unread", 0);
        try (EndOffsetWatch watch = watch(BROKER.bootstrapServers())) {
            watch.watch(Map.of(partition, 1L));
            watch.start();

            for (int i = 0; i < 5; i++) {
                assertThat(awaitRound(r -> r.ends().containsKey(partition))
                                .ends()
                                .get(partition))
                        .isEqualTo(4L);
            }
        }
    }

    @Test
    void splitsThatStartAtTheEarliestOrTheCommittedOffsetLearnWhereThatIs() throws Exception {
        BROKER.createTopic("starts", 2);
        TopicPartition earliest = new TopicPartition("starts", 0);
        TopicPartition committed = new TopicPartition("starts", 1);
        try (EndOffsetWatch watch = watch(BROKER.bootstrapServers())) {
            watch.watch(Map.of(
                    earliest, KafkaPartitionSplit.EARLIEST_OFFSET, committed, KafkaPartitionSplit.COMMITTED_OFFSET));
            watch.start();

            EndOffsetWatch.Round round = awaitRound(r -> r.starts().size() == 2);

            // No offsets committed for the group: the source then starts at the earliest one too.
            assertThat(round.starts()).isEqualTo(Map.of(earliest, 0L, committed, 0L));
        }
    }

    @Test
    void aBrokerThatDoesNotAnswerGivesNoRound() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                EndOffsetWatch watch = watch("127.0.0.1:" + silent.getLocalPort())) {
            watch.watch(Map.of(new TopicPartition("anything", 0), 0L));
            watch.start();

            assertThat(rounds.poll(5, TimeUnit.SECONDS)).isNull();
        }
    }
}
