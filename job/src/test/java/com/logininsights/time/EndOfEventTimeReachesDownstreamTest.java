package com.logininsights.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * At the end of the input (a bounded run, or a job stopped with {@code --drain}) the windows downstream must see the
 * end of event time, also when the source went idle before the end and Flink dropped the source's own.
 */
class EndOfEventTimeReachesDownstreamTest {

    @Test
    void recordsWatermarksAndIdlenessPassOnUnchanged() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> harness = harness()) {
            harness.processElement("a", 1_000);
            harness.processWatermark(1_000);
            harness.processWatermarkStatus(WatermarkStatus.IDLE);
            harness.processWatermarkStatus(WatermarkStatus.ACTIVE);
            harness.processElement("b", 2_000);

            assertThat(List.copyOf(harness.getOutput()))
                    .containsExactly(
                            new StreamRecord<>("a", 1_000),
                            new Watermark(1_000),
                            WatermarkStatus.IDLE,
                            WatermarkStatus.ACTIVE,
                            new StreamRecord<>("b", 2_000));
        }
    }

    @Test
    void aSourceIdleAtTheEndIsAnnouncedActiveAndTheEndOfEventTimeSent() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> harness = harness()) {
            harness.processElement("a", 1_000);
            harness.processWatermarkStatus(WatermarkStatus.IDLE);
            harness.getOutput().clear();

            harness.endInput();

            assertThat(List.copyOf(harness.getOutput()))
                    .containsExactly(WatermarkStatus.ACTIVE, Watermark.MAX_WATERMARK);
        }
    }

    /** An active source sends the end of event time itself; a second one would only repeat it. */
    @Test
    void anActiveSourceAtTheEndNeedsNothingMore() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> harness = harness()) {
            harness.processElement("a", 1_000);
            harness.processWatermarkStatus(WatermarkStatus.IDLE);
            harness.processWatermarkStatus(WatermarkStatus.ACTIVE);
            harness.getOutput().clear();

            harness.endInput();

            assertThat(harness.getOutput()).isEmpty();
        }
    }

    private static OneInputStreamOperatorTestHarness<String, String> harness() throws Exception {
        OneInputStreamOperatorTestHarness<String, String> harness =
                new OneInputStreamOperatorTestHarness<>(new EndOfEventTimeReachesDownstream<>());
        harness.open();
        return harness;
    }
}
