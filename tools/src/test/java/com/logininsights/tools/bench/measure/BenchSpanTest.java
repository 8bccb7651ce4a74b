package com.logininsights.tools.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.logininsights.tools.bench.measure.AppendTimeScan.Span;
import org.junit.jupiter.api.Test;

class BenchSpanTest {

    @Test
    void theSecondHalfStartsAtTheMiddleRecordWhateverOrderTheyWereReadIn() {
        // 1,000 records in the first second, then 1,000 more in the next 250 ms; read partition by partition.
        long[] appendTimes = new long[2_000];
        for (int i = 0; i < 1_000; i++) {
            appendTimes[2 * i] = 10_000 + i;
            appendTimes[2 * i + 1] = 11_000 + i / 4;
        }

        Span span = AppendTimeScan.span(appendTimes);

        assertThat(span.records()).isEqualTo(2_000);
        assertThat(span.firstAppendMillis()).isEqualTo(10_000);
        assertThat(span.middleAppendMillis()).isEqualTo(11_000);
        assertThat(span.lastAppendMillis()).isEqualTo(11_249);
        assertThat(span.perSecond()).isCloseTo(2_000 / 1.249, within(0.01));
        assertThat(span.secondHalfPerSecond()).isCloseTo(1_000 / 0.249, within(0.01));
    }

    @Test
    void noRecordsNoRates() {
        Span span = AppendTimeScan.span(new long[0]);

        assertThat(span.records()).isZero();
        assertThat(span.perSecond()).isZero();
        assertThat(span.secondHalfPerSecond()).isZero();
    }
}
