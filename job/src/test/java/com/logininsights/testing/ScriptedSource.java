package com.logininsights.testing;

import com.logininsights.model.ParseResult;
import com.logininsights.model.SourcePosition;
import com.logininsights.parse.LoginRecordParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A source of raw records written in the test, one split per "partition", each read in order and parsed by the
 * job's real parser, as the Kafka source would. It stands in for Kafka where a test is about the topology, not about
 * Kafka. A split's state is the index of its next record, so a job stopped with a savepoint and resumed with a longer
 * script reads on from where it was.
 *
 * <p>Bounded, it ends after the last record (and Flink then fires every window). Unbounded, it goes quiet after the
 * last record and waits, as a Kafka partition with no new records would.
 */
public final class ScriptedSource implements Source<ParseResult, ScriptedSource.Split, List<ScriptedSource.Split>> {
    /** One record: the partition it is in and its raw value. */
    public record Line(int partition, byte[] value) implements java.io.Serializable {}

    private static final ScheduledExecutorService PACER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scripted-source-pacer");
        thread.setDaemon(true);
        return thread;
    });

    private final List<Line> script;
    private final LoginRecordParser parser;
    private final Boundedness boundedness;
    private final long millisBetweenRecords;

    public ScriptedSource(List<Line> script, LoginRecordParser parser, Boundedness boundedness) {
        this(script, parser, boundedness, 0);
    }

    /** A source that reads a record only every {@code millisBetweenRecords}, so that event time moves in between. */
    public ScriptedSource(
            List<Line> script, LoginRecordParser parser, Boundedness boundedness, long millisBetweenRecords) {
        this.script = List.copyOf(script);
        this.parser = parser;
        this.boundedness = boundedness;
        this.millisBetweenRecords = millisBetweenRecords;
    }

    @Override
    public Boundedness getBoundedness() {
        return boundedness;
    }

    private int partitions() {
        return script.stream().mapToInt(Line::partition).max().orElse(0) + 1;
    }

    private List<byte[]> partition(int partition) {
        return script.stream()
                .filter(l -> l.partition() == partition)
                .map(Line::value)
                .toList();
    }

    @Override
    public SplitEnumerator<Split, List<Split>> createEnumerator(SplitEnumeratorContext<Split> context) {
        List<Split> splits = new ArrayList<>();
        for (int p = 0; p < partitions(); p++) {
            splits.add(new Split(p, 0));
        }
        return new Enumerator(context, splits);
    }

    @Override
    public SplitEnumerator<Split, List<Split>> restoreEnumerator(
            SplitEnumeratorContext<Split> context, List<Split> unassigned) {
        return new Enumerator(context, unassigned);
    }

    @Override
    public SimpleVersionedSerializer<Split> getSplitSerializer() {
        return new SplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<List<Split>> getEnumeratorCheckpointSerializer() {
        return new SplitListSerializer();
    }

    @Override
    public SourceReader<ParseResult, Split> createReader(SourceReaderContext context) {
        return new Reader();
    }

    /** A partition of the script and the index of its next record. */
    public record Split(int partition, int next) implements SourceSplit {
        @Override
        public String splitId() {
            return String.valueOf(partition);
        }
    }

    private final class Reader implements SourceReader<ParseResult, Split> {
        private final List<Split> splits = new ArrayList<>();
        private CompletableFuture<Void> available = new CompletableFuture<>();
        private boolean noMoreSplits;
        private int turn;
        private long nextRecordAt;

        @Override
        public void start() {}

        /** One record per call, the splits taking turns. */
        @Override
        public InputStatus pollNext(ReaderOutput<ParseResult> output) {
            if (System.currentTimeMillis() < nextRecordAt) {
                return InputStatus.NOTHING_AVAILABLE;
            }
            for (int tried = 0; tried < splits.size(); tried++) {
                int at = turn++ % splits.size();
                Split split = splits.get(at);
                List<byte[]> lines = partition(split.partition());
                if (split.next() < lines.size()) {
                    SourcePosition position =
                            new SourcePosition("scripted", split.partition(), split.next(), System.currentTimeMillis());
                    output.createOutputForSplit(split.splitId())
                            .collect(parser.parse(lines.get(split.next()), null, position));
                    splits.set(at, new Split(split.partition(), split.next() + 1));
                    if (millisBetweenRecords > 0) {
                        nextRecordAt = System.currentTimeMillis() + millisBetweenRecords;
                        return InputStatus.NOTHING_AVAILABLE;
                    }
                    return InputStatus.MORE_AVAILABLE;
                }
            }
            if (ends()) {
                splits.forEach(split -> output.releaseOutputForSplit(split.splitId()));
                return InputStatus.END_OF_INPUT;
            }
            return InputStatus.NOTHING_AVAILABLE;
        }

        private boolean ends() {
            return noMoreSplits && boundedness == Boundedness.BOUNDED;
        }

        private boolean hasMore() {
            return splits.stream()
                    .anyMatch(
                            split -> split.next() < partition(split.partition()).size());
        }

        @Override
        public List<Split> snapshotState(long checkpointId) {
            return new ArrayList<>(splits);
        }

        /** Unbounded and read to the end, the reader waits for ever, as for a quiet Kafka partition. */
        @Override
        public CompletableFuture<Void> isAvailable() {
            long wait = nextRecordAt - System.currentTimeMillis();
            if (wait > 0 && hasMore()) {
                CompletableFuture<Void> paced = new CompletableFuture<>();
                PACER.schedule(() -> paced.complete(null), wait, TimeUnit.MILLISECONDS);
                return paced;
            }
            return hasMore() || ends() ? CompletableFuture.completedFuture(null) : available;
        }

        @Override
        public void addSplits(List<Split> added) {
            splits.addAll(added);
            wakeUp();
        }

        @Override
        public void notifyNoMoreSplits() {
            noMoreSplits = true;
            wakeUp();
        }

        private void wakeUp() {
            CompletableFuture<Void> waiting = available;
            available = new CompletableFuture<>();
            waiting.complete(null);
        }

        @Override
        public void pauseOrResumeSplits(Collection<String> toPause, Collection<String> toResume) {}

        @Override
        public void close() {}
    }

    /** Deals the splits out round-robin as readers register, then says there are no more. */
    private static final class Enumerator implements SplitEnumerator<Split, List<Split>> {
        private final SplitEnumeratorContext<Split> context;
        private final List<Split> unassigned;

        Enumerator(SplitEnumeratorContext<Split> context, List<Split> unassigned) {
            this.context = context;
            this.unassigned = new ArrayList<>(unassigned);
        }

        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {}

        @Override
        public void addSplitsBack(List<Split> splits, int subtaskId) {
            unassigned.addAll(splits);
            addReader(subtaskId);
        }

        @Override
        public void addReader(int subtaskId) {
            int readers = context.currentParallelism();
            List<Split> mine = unassigned.stream()
                    .filter(s -> s.partition() % readers == subtaskId)
                    .toList();
            if (!mine.isEmpty()) {
                unassigned.removeAll(mine);
                context.assignSplits(new org.apache.flink.api.connector.source.SplitsAssignment<>(
                        java.util.Map.of(subtaskId, mine)));
            }
            context.signalNoMoreSplits(subtaskId);
        }

        @Override
        public List<Split> snapshotState(long checkpointId) {
            return new ArrayList<>(unassigned);
        }

        @Override
        public void close() {}
    }

    private static final class SplitSerializer implements SimpleVersionedSerializer<Split> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Split split) {
            return ByteBuffer.allocate(8)
                    .putInt(split.partition())
                    .putInt(split.next())
                    .array();
        }

        @Override
        public Split deserialize(int version, byte[] bytes) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new Split(buffer.getInt(), buffer.getInt());
        }
    }

    private static final class SplitListSerializer implements SimpleVersionedSerializer<List<Split>> {
        private final SplitSerializer splits = new SplitSerializer();

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(List<Split> list) {
            ByteBuffer buffer = ByteBuffer.allocate(4 + 8 * list.size()).putInt(list.size());
            list.forEach(split -> buffer.put(splits.serialize(split)));
            return buffer.array();
        }

        @Override
        public List<Split> deserialize(int version, byte[] bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            List<Split> list = new ArrayList<>();
            for (int i = buffer.getInt(); i > 0; i--) {
                list.add(new Split(buffer.getInt(), buffer.getInt()));
            }
            return list;
        }
    }
}
