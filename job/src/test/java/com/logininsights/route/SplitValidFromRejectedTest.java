package com.logininsights.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.model.DeadLetter;
import com.logininsights.model.LoginEvent;
import com.logininsights.model.ParseResult;
import com.logininsights.model.RejectReason;
import com.logininsights.model.SourcePosition;
import com.logininsights.testing.Logins;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class SplitValidFromRejectedTest {
    private static final SourcePosition SOURCE = new SourcePosition("user-login", 1, 7, 5_000);

    @Test
    void acceptedEventsGoOnAndRejectedRecordsGoToTheSideOutputWithWatermarksPassingThrough() throws Exception {
        LoginEvent event = Logins.event("u", "2.3.0", "ios", "1.2.3.4", "TX", "d", 10_000, SOURCE);
        DeadLetter letter = new DeadLetter(RejectReason.NOT_JSON, "bad", null, new byte[] {'x'}, 1, null, SOURCE, 1);

        try (OneInputStreamOperatorTestHarness<ParseResult, LoginEvent> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new SplitValidFromRejected())) {
            harness.processElement(ParseResult.accepted(event), 10_000);
            harness.processElement(ParseResult.rejected(letter), 5_000);
            harness.processWatermark(new Watermark(9_000));

            assertThat(harness.extractOutputValues()).containsExactly(event);
            assertThat(harness.getSideOutput(SplitValidFromRejected.DEAD_LETTERS))
                    .extracting(record -> record.getValue())
                    .usingRecursiveFieldByFieldElementComparator()
                    .containsExactly(letter);
            assertThat(harness.getOutput()).contains(new Watermark(9_000));
        }
    }
}
