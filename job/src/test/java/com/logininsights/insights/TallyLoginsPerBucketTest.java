package com.logininsights.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.model.LoginEvent;
import com.logininsights.model.SourcePosition;
import com.logininsights.testing.Logins;
import com.logininsights.testing.WindowHarness;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/**
 * Phase one of the window aggregation, as the topology builds it: per spread bucket and window, logins are tallied
 * as they come ({@link TallyLogins}) and the tally goes on stamped with its window and bucket
 * ({@link StampTallyWithWindow}); a login within the allowed lateness sends the bucket's whole tally again, and one
 * after it goes to the late side output.
 */
class TallyLoginsPerBucketTest {
    private static final SourcePosition SOURCE = new SourcePosition("user-login", 0, 0, 0);
    private static final OutputTag<LoginEvent> LATE = new OutputTag<>("late") {};
    private static final Duration LATENESS = Duration.ofSeconds(5);

    @Test
    void aBucketsTallyIsStampedWithItsWindowAndSentAgainWhenALateLoginUpdatesIt() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<Integer, LoginEvent, WindowTally> harness = tallies()) {
            harness.open();
            harness.processElement(at("u", 1_000));
            harness.processElement(at("u", 4_000));
            harness.processElement(at("u", 12_000));
            harness.processWatermark(9_999);

            assertThat(harness.extractOutputValues()).singleElement().satisfies(tally -> {
                assertThat(tally.windowStartMillis()).isZero();
                assertThat(tally.windowEndMillis()).isEqualTo(10_000);
                assertThat(tally.spread()).isEqualTo(Spread.bucketOf("u"));
                assertThat(tally.logins()).isEqualTo(2);
            });
            harness.getOutput().clear();

            harness.processElement(at("u", 2_000)); // late, within the allowed lateness
            assertThat(harness.extractOutputValues())
                    .singleElement()
                    .extracting(WindowTally::logins)
                    .isEqualTo(3L);

            harness.processWatermark(10_000 + LATENESS.toMillis());
            harness.processElement(at("u", 3_000)); // past it
            assertThat(harness.getSideOutput(LATE))
                    .extracting(StreamRecord::getValue)
                    .extracting(LoginEvent::eventTimeMillis)
                    .containsExactly(3_000L);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<Integer, LoginEvent, WindowTally> tallies() throws Exception {
        DimensionLimits limits = DimensionLimits.perWindow(256);
        DataStream<WindowTally> tallies = WindowHarness.declaring()
                .fromData(login("u", 0))
                .keyBy(event -> Spread.bucketOf(event.userId()), TypeInformation.of(Integer.class))
                .window(TumblingEventTimeWindows.of(Duration.ofSeconds(10)))
                .allowedLateness(LATENESS)
                .sideOutputLateData(LATE)
                .aggregate(new TallyLogins(limits), new StampTallyWithWindow());
        return WindowHarness.of(tallies);
    }

    /** A login, timestamped with its event time as the source stamps it. */
    private static StreamRecord<LoginEvent> at(String user, long eventTimeMillis) {
        return new StreamRecord<>(login(user, eventTimeMillis), eventTimeMillis);
    }

    private static LoginEvent login(String user, long eventTimeMillis) {
        return Logins.event(user, "2.3.0", "ios", "1.2.3.4", "TX", "d", eventTimeMillis, SOURCE);
    }
}
