package com.logininsights.kafka;

import com.logininsights.model.ParseResult;
import com.logininsights.model.SourcePosition;
import com.logininsights.time.PartitionProgress;
import com.logininsights.time.PartitionStandings;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.InputStatus;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka source's reader, with one more duty: deciding when a partition may stop holding the source's event time
 * back. Flink's watermark generators see only records and a clock, so they cannot tell a partition that is quiet from
 * one whose records the consumer has not fetched yet (after a restore, while catching up, while the broker is away).
 * This reader can: it knows where it is in each partition, and an {@link EndOffsetWatch} asks the broker where each
 * partition ends. {@link PartitionStandings} and {@link PartitionProgress} hold the rules; this class feeds them and
 * carries their decisions out on Flink's outputs.
 *
 * <p>Everything here runs on the task's thread, but for the watch, which hands its answers over and wakes the task.
 */
final class ReadToEndReader implements SourceReader<ParseResult, KafkaPartitionSplit> {
    private final SourceReader<ParseResult, KafkaPartitionSplit> kafka;
    private final EndOffsetWatch watch;
    private final PartitionStandings standings;
    private final Map<String, Partition> partitions = new HashMap<>();

    private volatile EndOffsetWatch.Round latestRound;
    private volatile boolean roundPending;
    private volatile CompletableFuture<Void> roundArrived = new CompletableFuture<>();

    private ReaderOutput<ParseResult> flinkOutput;
    private TrackingOutput trackingOutput;

    ReadToEndReader(
            SourceReader<ParseResult, KafkaPartitionSplit> kafka,
            PartitionProgress.Rules rules,
            Properties watchConsumerProperties,
            Duration watchInterval,
            String name) {
        this.kafka = kafka;
        this.standings = new PartitionStandings(rules, new FlinkOutputs(), System::nanoTime);
        this.watch = new EndOffsetWatch(
                watchConsumerProperties,
                watchInterval,
                rules.maxBrokerSilence().minus(watchInterval),
                name,
                this::onRound);
    }

    /** A partition this reader owns: what the standings track, and where its split starts. */
    private record Partition(TopicPartition topicPartition, long startMarker, PartitionStandings.Tracked tracked) {}

    @Override
    public void start() {
        kafka.start();
        watch.start();
    }

    @Override
    public void addSplits(List<KafkaPartitionSplit> splits) {
        for (KafkaPartitionSplit split : splits) {
            long start = split.getStartingOffset();
            PartitionStandings.Tracked tracked =
                    standings.add(split.splitId(), start >= 0 ? start : PartitionProgress.UNKNOWN);
            partitions.put(split.splitId(), new Partition(split.getTopicPartition(), start, tracked));
        }
        publishPositions();
        kafka.addSplits(splits);
    }

    @Override
    public InputStatus pollNext(ReaderOutput<ParseResult> output) throws Exception {
        if (output != flinkOutput) {
            flinkOutput = output;
            trackingOutput = new TrackingOutput(output);
        }
        if (roundPending) {
            roundPending = false;
            roundArrived = new CompletableFuture<>();
            takeIn(latestRound);
            standings.review();
            publishPositions();
        }
        return kafka.pollNext(trackingOutput);
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return kafka.isAvailable().applyToEither(roundArrived, ignored -> null);
    }

    /** On the watch's thread: hands the answers over and wakes the task. */
    private void onRound(EndOffsetWatch.Round round) {
        latestRound = round;
        roundPending = true;
        roundArrived.complete(null);
    }

    private void takeIn(EndOffsetWatch.Round round) {
        for (Partition partition : partitions.values()) {
            PartitionProgress progress = partition.tracked().progress();
            Long start = round.starts().get(partition.topicPartition());
            if (start != null) {
                progress.onStartResolved(start);
            }
            Long end = round.ends().get(partition.topicPartition());
            if (end != null) {
                progress.onBrokerAnswer(end, round.askedAtNanos());
            }
        }
    }

    /** Tells the watch where this reader is in each partition (or where a split starts, while not known yet). */
    private void publishPositions() {
        Map<TopicPartition, Long> positions = new HashMap<>();
        partitions.values().forEach(partition -> {
            long position = partition.tracked().progress().position();
            positions.put(
                    partition.topicPartition(),
                    position != PartitionProgress.UNKNOWN ? position : partition.startMarker());
        });
        watch.watch(positions);
    }

    @Override
    public List<KafkaPartitionSplit> snapshotState(long checkpointId) {
        return kafka.snapshotState(checkpointId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        kafka.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) throws Exception {
        kafka.notifyCheckpointAborted(checkpointId);
    }

    @Override
    public void notifyNoMoreSplits() {
        kafka.notifyNoMoreSplits();
    }

    @Override
    public void handleSourceEvents(SourceEvent sourceEvent) {
        kafka.handleSourceEvents(sourceEvent);
    }

    @Override
    public void pauseOrResumeSplits(Collection<String> splitsToPause, Collection<String> splitsToResume) {
        kafka.pauseOrResumeSplits(splitsToPause, splitsToResume);
    }

    @Override
    public void close() throws Exception {
        try {
            watch.close();
        } finally {
            kafka.close();
        }
    }

    /** The standings' decisions, carried out on Flink's per-partition outputs and on the subtask's own. */
    private final class FlinkOutputs implements PartitionStandings.Outputs {
        @Override
        public void markIdle(String partition) {
            flinkOutput.createOutputForSplit(partition).markIdle();
        }

        @Override
        public void markActive(String partition) {
            flinkOutput.createOutputForSplit(partition).markActive();
        }

        @Override
        public void emitWatermark(String partition, long watermark) {
            flinkOutput.createOutputForSplit(partition).emitWatermark(new Watermark(watermark));
        }

        @Override
        public void markSubtaskIdle() {
            flinkOutput.markIdle();
        }

        @Override
        public void markSubtaskActive() {
            flinkOutput.markActive();
        }
    }

    /** Passes everything on to Flink's output, and notes each record on its partition. */
    private final class TrackingOutput implements ReaderOutput<ParseResult> {
        private final ReaderOutput<ParseResult> flink;
        private final Map<String, SourceOutput<ParseResult>> splitOutputs = new HashMap<>();

        TrackingOutput(ReaderOutput<ParseResult> flink) {
            this.flink = flink;
        }

        @Override
        public void collect(ParseResult record) {
            flink.collect(record);
        }

        @Override
        public void collect(ParseResult record, long timestamp) {
            flink.collect(record, timestamp);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            flink.emitWatermark(watermark);
        }

        @Override
        public void markIdle() {
            flink.markIdle();
        }

        @Override
        public void markActive() {
            flink.markActive();
        }

        @Override
        public SourceOutput<ParseResult> createOutputForSplit(String splitId) {
            return splitOutputs.computeIfAbsent(splitId, id -> {
                SourceOutput<ParseResult> splitOutput = flink.createOutputForSplit(id);
                Partition partition = partitions.get(id);
                return partition == null ? splitOutput : new TrackingSplitOutput(splitOutput, partition.tracked());
            });
        }

        @Override
        public void releaseOutputForSplit(String splitId) {
            splitOutputs.remove(splitId);
            if (partitions.remove(splitId) != null) {
                standings.remove(splitId);
                publishPositions();
            }
            flink.releaseOutputForSplit(splitId);
        }
    }

    /** One partition's output: notes each record on the partition, then hands it to Flink. */
    private static final class TrackingSplitOutput implements SourceOutput<ParseResult> {
        private final SourceOutput<ParseResult> flink;
        private final PartitionStandings.Tracked partition;

        TrackingSplitOutput(SourceOutput<ParseResult> flink, PartitionStandings.Tracked partition) {
            this.flink = flink;
            this.partition = partition;
        }

        @Override
        public void collect(ParseResult record) {
            note(record);
            flink.collect(record);
        }

        @Override
        public void collect(ParseResult record, long timestamp) {
            note(record);
            flink.collect(record, timestamp);
        }

        private void note(ParseResult record) {
            if (record.isAccepted()) {
                SourcePosition source = record.event().source();
                partition.onRecord(source.offset(), true, record.event().eventTimeMillis());
            } else {
                partition.onRecord(record.deadLetter().source().offset(), false, 0);
            }
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            flink.emitWatermark(watermark);
        }

        @Override
        public void markIdle() {
            flink.markIdle();
        }

        @Override
        public void markActive() {
            flink.markActive();
        }
    }
}
