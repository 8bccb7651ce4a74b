package com.logininsights.time;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.model.DeadLetter;
import com.logininsights.model.LoginEvent;
import com.logininsights.model.ParseResult;
import com.logininsights.model.RejectReason;
import com.logininsights.model.SourcePosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class ValidEventWatermarksTest {
    private static final SourcePosition SOURCE = new SourcePosition("user-login", 0, 0, 0);

    /** Collects what the generator emits. */
    private static final class Collected implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }

    private static ParseResult event(long millis) {
        return ParseResult.accepted(new LoginEvent("u", null, null, null, null, null, millis, SOURCE));
    }

    private static ParseResult rejected() {
        return ParseResult.rejected(new DeadLetter(RejectReason.TIMESTAMP_IN_FUTURE, "future", "timestamp",
                new byte[0], 0, null, SOURCE, 0));
    }

    @Test
    void theWatermarkTrailsTheLatestAcceptedEventByTheOutOfOrderness() {
        ValidEventWatermarks generator = new ValidEventWatermarks(Duration.ofSeconds(5), Duration.ZERO);
        Collected out = new Collected();

        generator.onPeriodicEmit(out);
        generator.onEvent(event(20_000), 20_000, out);
        generator.onEvent(event(12_000), 12_000, out);
        generator.onPeriodicEmit(out);

        assertThat(out.watermarks).containsExactly(14_999L);
    }

    @Test
    void rejectedRecordsNeverMoveTheWatermarkWhateverTheirTimestamp() {
        ValidEventWatermarks generator = new ValidEventWatermarks(Duration.ofSeconds(5), Duration.ZERO);
        Collected out = new Collected();

        generator.onEvent(event(20_000), 20_000, out);
        generator.onEvent(rejected(), 4_102_444_800_000L, out); // stamped 2100
        generator.onPeriodicEmit(out);
        generator.onEvent(event(21_000), 21_000, out);
        generator.onPeriodicEmit(out);

        assertThat(out.watermarks).containsExactly(14_999L, 15_999L);
    }

    @Test
    void aNewPartitionStaysSilentForTheWarmUpSoThatItsSiblingsAreCountedFirst() {
        long[] now = {1_000_000_000L};
        ValidEventWatermarks generator = new ValidEventWatermarks(Duration.ofSeconds(5), Duration.ofSeconds(2),
                () -> now[0]);
        Collected out = new Collected();

        generator.onEvent(event(20_000), 20_000, out);
        generator.onPeriodicEmit(out);
        now[0] += 1_999_000_000L;
        generator.onPeriodicEmit(out);
        now[0] += 1_000_000L;
        generator.onPeriodicEmit(out);

        assertThat(out.watermarks).containsExactly(14_999L);
    }
}
