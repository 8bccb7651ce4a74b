package com.logininsights.tools.bench.measure;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Joins input records with the output records that name them (by partition and offset) and turns the pairs into
 * latencies. Only inputs appended from {@code measureFromMillis} on count: before that the job was starting up and
 * working through what had piled up meanwhile.
 */
public final class LatencyJoin {
    private LatencyJoin() {}

    /** Three figures of a latency distribution, in milliseconds. */
    public record Percentiles(long p50, long p99, long max) {
        static Percentiles of(long[] values) {
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            return new Percentiles(
                    BenchStats.percentile(sorted, 50), BenchStats.percentile(sorted, 99), sorted[sorted.length - 1]);
        }
    }

    /**
     * @param measured inputs appended in the measured period
     * @param unmatched of those, inputs that never appeared in either output
     * @param appendToAppend input append to enriched record append (processing, without waiting for the commit)
     * @param appendToVisible input append to the enriched record being visible to a read_committed reader
     */
    public record Result(
            long measured, long unmatched, long enriched, Percentiles appendToAppend, Percentiles appendToVisible) {}

    /** @param inputAppendMillis per input partition, the append time of each offset (-1 where there is no record) */
    static Result join(
            Map<Integer, long[]> inputAppendMillis, List<LatencyProbe.Seen> outputs, long measureFromMillis) {
        Map<Integer, boolean[]> matched = new java.util.HashMap<>();
        inputAppendMillis.forEach((partition, times) -> matched.put(partition, new boolean[times.length]));
        long[] toAppend = new long[outputs.size()];
        long[] toVisible = new long[outputs.size()];
        int enriched = 0;
        for (LatencyProbe.Seen output : outputs) {
            long[] times = inputAppendMillis.get(output.partition());
            if (times == null || output.offset() < 0 || output.offset() >= times.length) {
                continue;
            }
            long inputAppend = times[(int) output.offset()];
            if (inputAppend < 0) {
                continue;
            }
            matched.get(output.partition())[(int) output.offset()] = true;
            if (output.enriched() && inputAppend >= measureFromMillis) {
                toAppend[enriched] = output.appendMillis() - inputAppend;
                toVisible[enriched] = output.visibleMillis() - inputAppend;
                enriched++;
            }
        }
        long measured = 0;
        long unmatched = 0;
        for (Map.Entry<Integer, long[]> partition : inputAppendMillis.entrySet()) {
            long[] times = partition.getValue();
            boolean[] found = matched.get(partition.getKey());
            for (int offset = 0; offset < times.length; offset++) {
                if (times[offset] >= measureFromMillis) {
                    measured++;
                    unmatched += found[offset] ? 0 : 1;
                }
            }
        }
        if (enriched == 0) {
            throw new IllegalStateException("no enriched record came from the " + measured + " inputs measured");
        }
        return new Result(
                measured,
                unmatched,
                enriched,
                Percentiles.of(Arrays.copyOf(toAppend, enriched)),
                Percentiles.of(Arrays.copyOf(toVisible, enriched)));
    }
}
