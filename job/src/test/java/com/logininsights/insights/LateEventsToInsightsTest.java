package com.logininsights.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.model.LoginEvent;
import com.logininsights.model.SourcePosition;
import com.logininsights.testing.Logins;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingTaskMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** A late event becomes a late_event insight naming the window it missed, as the windows' assigner places it. */
class LateEventsToInsightsTest {
    private static final SourcePosition SOURCE = new SourcePosition("user-login", 1, 42, 0);

    @Test
    void eachLateEventIsCountedAndNamesTheWindowTheAssignerPutsItIn() throws Exception {
        // Windows of 10 s that start 3 s into each ten: an event at 12 s belongs to [3 s, 13 s).
        TumblingEventTimeWindows windows = TumblingEventTimeWindows.of(Duration.ofSeconds(10), Duration.ofSeconds(3));
        LoginEvent atTwelve = login("a", 12_000);
        LoginEvent atThirteen = login("b", 13_000);
        InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();

        try (OneInputStreamOperatorTestHarness<LoginEvent, Insight> harness = new OneInputStreamOperatorTestHarness<>(
                new StreamMap<>(new LateEventsToInsights(windows)), environmentReporting(metrics))) {
            harness.open();
            harness.processElement(atTwelve, 12_000);
            harness.processElement(atThirteen, 13_000);

            assertThat(harness.extractOutputValues())
                    .containsExactly(
                            Insight.of(new LateEvent(atTwelve, 3_000, 13_000)),
                            Insight.of(new LateEvent(atThirteen, 13_000, 23_000)));
            assertThat(((Counter) metrics.get("lateEvents")).getCount()).isEqualTo(2);
        }
    }

    private static LoginEvent login(String user, long eventTimeMillis) {
        return Logins.event(user, "2.3.0", "ios", "1.2.3.4", "TX", "d", eventTimeMillis, SOURCE);
    }

    /** A task environment whose operator registers its metrics where the test can read them. */
    private static MockEnvironment environmentReporting(InterceptingOperatorMetricGroup operatorMetrics) {
        return new MockEnvironmentBuilder()
                .setMetricGroup(new InterceptingTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(
                            OperatorID id, String name, Map<String, String> additionalVariables) {
                        return operatorMetrics;
                    }
                })
                .build();
    }
}
