package com.logininsights.time;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.model.DeadLetter;
import com.logininsights.model.ParseResult;
import com.logininsights.model.RejectReason;
import com.logininsights.model.SourcePosition;
import com.logininsights.testing.Logins;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class AcceptedEventWatermarksTest {
    private static final SourcePosition SOURCE = new SourcePosition("user-login", 0, 0, 0);

    /** What the generator said, in order: a watermark's millis, "idle" or "active". */
    private static final class Collected implements WatermarkOutput {
        final List<String> said = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            said.add(String.valueOf(watermark.getTimestamp()));
        }

        @Override
        public void markIdle() {
            said.add("idle");
        }

        @Override
        public void markActive() {
            said.add("active");
        }
    }

    private final Collected out = new Collected();
    private final AcceptedEventWatermarks generator = new AcceptedEventWatermarks(Duration.ofSeconds(5));

    private static ParseResult event(long millis) {
        return ParseResult.accepted(Logins.event("u", null, null, null, null, null, millis, SOURCE));
    }

    private static ParseResult rejected() {
        return ParseResult.rejected(new DeadLetter(
                RejectReason.TIMESTAMP_IN_FUTURE, "future", "timestamp", new byte[0], 0, null, SOURCE, 0));
    }

    @Test
    void theWatermarkTrailsTheLatestAcceptedEventByTheOutOfOrderness() {
        generator.onPeriodicEmit(out);
        generator.onEvent(event(20_000), 20_000, out);
        generator.onEvent(event(12_000), 12_000, out);
        generator.onPeriodicEmit(out);

        assertThat(out.said).containsExactly("14999");
    }

    @Test
    void rejectedRecordsNeverMoveTheWatermarkWhateverTheirTimestamp() {
        generator.onEvent(event(20_000), 20_000, out);
        generator.onEvent(rejected(), 4_102_444_800_000L, out); // stamped 2100
        generator.onPeriodicEmit(out);
        generator.onEvent(event(21_000), 21_000, out);
        generator.onPeriodicEmit(out);

        assertThat(out.said).containsExactly("14999", "15999");
    }

    /**
     * An unchanged watermark said again would make an idle partition active again: idleness is the source reader's to
     * decide, and the generator must not undo it.
     */
    @Test
    void itSpeaksOnlyWhenTheWatermarkRisesAndNeverAboutIdleness() {
        generator.onPeriodicEmit(out);
        generator.onEvent(event(20_000), 20_000, out);
        generator.onPeriodicEmit(out);
        generator.onPeriodicEmit(out);
        generator.onEvent(event(19_000), 19_000, out);
        generator.onPeriodicEmit(out);
        generator.onEvent(event(20_001), 20_001, out);
        generator.onPeriodicEmit(out);
        generator.onPeriodicEmit(out);

        assertThat(out.said).containsExactly("14999", "15000");
    }
}
