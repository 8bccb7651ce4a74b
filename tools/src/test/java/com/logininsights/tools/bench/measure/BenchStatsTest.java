package com.logininsights.tools.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logininsights.tools.bench.report.RunSpread;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BenchStatsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValueInAnyOrder() {
        assertThat(BenchStats.median(List.of(9.0, 1.0, 5.0))).isEqualTo(5.0);
        assertThat(BenchStats.median(List.of(7.0))).isEqualTo(7.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(BenchStats.median(List.of(4.0, 1.0, 3.0, 10.0))).isEqualTo(3.5);
    }

    @Test
    void minAndMax() {
        assertThat(BenchStats.min(List.of(3.0, -1.0, 2.0))).isEqualTo(-1.0);
        assertThat(BenchStats.max(List.of(3.0, -1.0, 2.0))).isEqualTo(3.0);
    }

    @Test
    void noValuesHaveNoMedian() {
        assertThatThrownBy(() -> BenchStats.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentilesAreNearestRankSoAlwaysAValueThatWasSeen() {
        long[] oneToHundred = LongStream.rangeClosed(1, 100).toArray();
        assertThat(BenchStats.percentile(oneToHundred, 50)).isEqualTo(50);
        assertThat(BenchStats.percentile(oneToHundred, 99)).isEqualTo(99);
        assertThat(BenchStats.percentile(oneToHundred, 100)).isEqualTo(100);
        assertThat(BenchStats.percentile(oneToHundred, 0.5)).isEqualTo(1);

        long[] ten = {10, 20, 30, 40, 50, 60, 70, 80, 90, 1000};
        assertThat(BenchStats.percentile(ten, 50)).isEqualTo(50);
        assertThat(BenchStats.percentile(ten, 51)).isEqualTo(60);
        assertThat(BenchStats.percentile(ten, 99))
                .as("the one outlier is the p99 of ten")
                .isEqualTo(1000);
        assertThat(BenchStats.percentile(new long[] {42}, 50)).isEqualTo(42);
    }

    @Test
    void percentilesNeedValuesAndAPercentInRange() {
        assertThatThrownBy(() -> BenchStats.percentile(new long[0], 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchStats.percentile(new long[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchStats.percentile(new long[] {1}, 101))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rateIsRecordsOverTheSpanFromFirstToLastAppend() {
        assertThat(BenchStats.perSecond(1_000, 10_000, 10_500)).isEqualTo(2_000.0);
        assertThat(BenchStats.perSecond(1_000_000, 0, 4_000)).isEqualTo(250_000.0);
    }

    @Test
    void aSpanUnderOneMillisecondCountsAsOneBecauseAppendTimesAreMilliseconds() {
        assertThat(BenchStats.perSecond(5, 7_000, 7_000)).isEqualTo(5_000.0);
    }

    @Test
    void noRecordsNoRateAndTimeDoesNotRunBackwards() {
        assertThat(BenchStats.perSecond(0, 0, 0)).isZero();
        assertThatThrownBy(() -> BenchStats.perSecond(10, 2_000, 1_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spreadShowsMedianAndRangeOnlyWhenRunsDiffer() {
        assertThat(RunSpread.of(List.of(240_000.0, 250_000.0, 236_000.0)).format("%,.0f"))
                .isEqualTo("240,000 [236,000-250,000]");
        assertThat(RunSpread.of(List.of(3.0)).format("%.1f")).isEqualTo("3.0");
    }
}
