package com.logininsights.tools.soak;

import com.logininsights.tools.machine.ProcStats;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Takes one sample from every source: the job's GC log, its REST API, the broker's offsets and /proc. A source that
 * fails this time leaves its series without a value and says why in {@link #problems()}; the soak goes on.
 */
final class Sampler {
    static final double BYTES_PER_KB = 1024.0;

    private final GcLogTail gcLog;
    private final FlinkRest rest;
    private final KafkaOffsets kafka;
    private final long jobPid;
    private final List<String> problems = new ArrayList<>();
    private long startedNanos;
    private Optional<GcPause> latestPause = Optional.empty();
    private KafkaOffsets.Ends startEnds;
    private KafkaOffsets.Ends previousEnds;
    private long previousEndsNanos;
    private long failedBeforeInput;

    Sampler(GcLogTail gcLog, FlinkRest rest, KafkaOffsets kafka, long jobPid) {
        this.gcLog = gcLog;
        this.rest = rest;
        this.kafka = kafka;
        this.jobPid = jobPid;
    }

    /**
     * Marks the start of the input: the first sample's rates count from here, and collections of the job's start-up
     * before it are not in the first sample's GC figures (though the latest one's after-size is).
     */
    void start() throws IOException {
        gcLog.newPauses().forEach(pause -> latestPause = Optional.of(pause));
        try {
            failedBeforeInput = rest.checkpoints().failed();
        } catch (IOException e) {
            // Then failures at start-up count as failures of the soak: reported, never hidden.
            failedBeforeInput = 0;
        }
        startedNanos = System.nanoTime();
        startEnds = kafka.ends();
        previousEnds = startEnds;
        previousEndsNanos = System.nanoTime();
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    Sample take() {
        problems.clear();
        Map<Series, Double> values = new EnumMap<>(Series.class);
        Duration elapsed = elapsed();
        readGcLog(values);
        readOffsets(values);
        readCheckpoints(values);
        try {
            OptionalLong pending = rest.pendingRecords();
            pending.ifPresent(records -> values.put(Series.PENDING, (double) records));
        } catch (IOException e) {
            problems.add("pending records: " + e.getMessage());
        }
        try {
            rest.restarts().ifPresent(restarts -> values.put(Series.RESTARTS, (double) restarts));
        } catch (IOException e) {
            problems.add("restarts: " + e.getMessage());
        }
        ProcStats.residentMb(jobPid).ifPresent(mb -> values.put(Series.RSS, mb));
        return new Sample(elapsed, values);
    }

    /**
     * Checkpoints that failed while the job started, before the input did: Flink counts a checkpoint it could not
     * trigger because not every task was running yet as failed. The soak counts failures from the input's start.
     */
    long failedBeforeInput() {
        return failedBeforeInput;
    }

    /** Why series of the latest sample have no value; empty when every source answered. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    private void readGcLog(Map<Series, Double> values) {
        try {
            int count = 0;
            double millis = 0;
            for (GcPause pause : gcLog.newPauses()) {
                latestPause = Optional.of(pause);
                if (pause.full()) {
                    values.put(Series.LIVE_HEAP, pause.afterMb());
                }
                if (pause.requested()) {
                    values.merge(Series.REQUESTED_GC_PAUSE, pause.millis(), Double::sum);
                } else {
                    count++;
                    millis += pause.millis();
                }
            }
            values.put(Series.GC_COUNT, (double) count);
            values.put(Series.GC_PAUSE, millis);
            latestPause.ifPresent(pause -> values.put(Series.HEAP_AFTER_GC, pause.afterMb()));
        } catch (IOException e) {
            problems.add("GC log: " + e.getMessage());
        }
    }

    private void readOffsets(Map<Series, Double> values) {
        try {
            KafkaOffsets.Ends ends = kafka.ends();
            long now = System.nanoTime();
            double seconds = (now - previousEndsNanos) / 1e9;
            values.put(Series.INPUT_RATE, (ends.input() - previousEnds.input()) / seconds);
            values.put(Series.OUTPUT_RATE, (ends.outputs() - previousEnds.outputs()) / seconds);
            values.put(Series.RECORDS_IN, (double) (ends.input() - startEnds.input()));
            values.put(Series.RECORDS_OUT, (double) (ends.outputs() - startEnds.outputs()));
            previousEnds = ends;
            previousEndsNanos = now;
            values.put(Series.LAG, (double) kafka.lag(ends.input()));
        } catch (IOException e) {
            problems.add("Kafka offsets: " + e.getMessage());
        }
    }

    private void readCheckpoints(Map<Series, Double> values) {
        try {
            FlinkRest.Checkpoints checkpoints = rest.checkpoints();
            values.put(Series.FAILED_CHECKPOINTS, (double) (checkpoints.failed() - failedBeforeInput));
            checkpoints.latest().ifPresent(latest -> {
                values.put(Series.CHECKPOINT_ID, (double) latest.id());
                values.put(Series.CHECKPOINT_DURATION, (double) latest.durationMillis());
                values.put(Series.CHECKPOINT_SIZE, latest.stateSizeBytes() / BYTES_PER_KB);
                values.put(Series.CHECKPOINT_UPLOAD, latest.uploadedBytes() / BYTES_PER_KB);
            });
        } catch (IOException e) {
            problems.add("checkpoints: " + e.getMessage());
        }
    }
}
