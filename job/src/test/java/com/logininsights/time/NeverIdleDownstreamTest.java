package com.logininsights.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * "Nothing is late inside the job" (docs/design.md) rests on this operator: between the two phases of the window
 * aggregation it passes on every record and every watermark, and never an idle status.
 */
class NeverIdleDownstreamTest {

    @Test
    void everyRecordAndWatermarkPassesAndNoIdleStatusDoes() throws Exception {
        List<Object> out = run(new NeverIdleDownstream<>());

        assertThat(out)
                .containsExactly(
                        new StreamRecord<>("a", 1_000),
                        new Watermark(1_000),
                        new StreamRecord<>("b", 900),
                        new StreamRecord<>("c", 12_000),
                        new Watermark(12_000),
                        new Watermark(15_000));
        assertThat(out).noneMatch(WatermarkStatus.class::isInstance);
    }

    /** The same input through a plain operator: the harness does show idleness, so the test above can fail. */
    @Test
    void aPlainOperatorWouldTellDownstreamThatTheStreamWentIdle() throws Exception {
        List<Object> out = run(new StreamMap<String, String>(value -> value));

        assertThat(out).contains(WatermarkStatus.IDLE, WatermarkStatus.ACTIVE);
    }

    /** Records, watermarks, a spell of idleness and a late record, in the order phase one sends them. */
    private static List<Object> run(OneInputStreamOperator<String, String> operator) throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> harness =
                new OneInputStreamOperatorTestHarness<>(operator)) {
            harness.open();
            harness.processElement("a", 1_000);
            harness.processWatermark(1_000);
            harness.processElement("b", 900);
            harness.processWatermarkStatus(WatermarkStatus.IDLE);
            harness.processWatermarkStatus(WatermarkStatus.ACTIVE);
            harness.processElement("c", 12_000);
            harness.processWatermark(12_000);
            harness.processWatermarkStatus(WatermarkStatus.IDLE);
            harness.processWatermark(15_000);
            return List.copyOf(harness.getOutput());
        }
    }
}
