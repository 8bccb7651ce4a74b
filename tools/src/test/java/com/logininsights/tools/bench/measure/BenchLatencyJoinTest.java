package com.logininsights.tools.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchLatencyJoinTest {

    @Test
    void joinsEachOutputToItsInputByPartitionAndOffsetAndMeasuresOnlyAfterTheWarmUp() {
        Map<Integer, long[]> inputs = Map.of(
                0, new long[] {1_000, 1_010, 1_020, -1},
                1, new long[] {1_005, 1_030});
        List<LatencyProbe.Seen> outputs = List.of(
                new LatencyProbe.Seen(0, 0, 1_100, 1_500, true), // before the measured period
                new LatencyProbe.Seen(0, 1, 1_050, 1_060, false), // a dead letter: complete, but no latency
                new LatencyProbe.Seen(1, 0, 1_015, 2_005, true),
                new LatencyProbe.Seen(1, 1, 1_070, 2_030, true),
                new LatencyProbe.Seen(7, 0, 9_999, 9_999, true)); // names no input: ignored

        LatencyJoin.Result result = LatencyJoin.join(inputs, outputs, 1_005);

        assertThat(result.measured()).as("inputs appended from 1005 on").isEqualTo(4);
        assertThat(result.unmatched()).as("partition 0 offset 2 never came out").isEqualTo(1);
        assertThat(result.enriched()).isEqualTo(2);
        assertThat(result.appendToAppend()).isEqualTo(new LatencyJoin.Percentiles(10, 40, 40));
        assertThat(result.appendToVisible()).isEqualTo(new LatencyJoin.Percentiles(1_000, 1_000, 1_000));
    }

    @Test
    void percentilesOfLatencies() {
        long[] latencies = new long[200];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = 200 - i; // 200 down to 1: unsorted on purpose
        }
        assertThat(LatencyJoin.Percentiles.of(latencies)).isEqualTo(new LatencyJoin.Percentiles(100, 198, 200));
    }
}
