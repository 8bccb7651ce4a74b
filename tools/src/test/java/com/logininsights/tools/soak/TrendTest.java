package com.logininsights.tools.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class TrendTest {

    @Test
    void aSawtoothAroundOneLevelIsFlat() {
        List<Sample> samples = everyTenSeconds(180, i -> 60 + (i % 6) * 5);

        Trend trend = Trend.of(samples, Series.HEAP_AFTER_GC).orElseThrow();

        assertThat(trend.verdict()).isEqualTo(Trend.Verdict.FLAT);
        assertThat(trend.change().orElseThrow()).isBetween(-0.1, 0.1);
    }

    @Test
    void aSteadyClimbIsGrowing() {
        List<Sample> samples = everyTenSeconds(180, i -> 60 + i * 0.2);

        Trend trend = Trend.of(samples, Series.HEAP_AFTER_GC).orElseThrow();

        assertThat(trend.verdict()).isEqualTo(Trend.Verdict.GROWING);
        assertThat(trend.slopePerTenMinutes()).isCloseTo(12.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(trend.describe()).startsWith("heap after GC: growing (median ");
    }

    @Test
    void aSteadyFallIsFalling() {
        List<Sample> samples = everyTenSeconds(180, i -> 100 - i * 0.3);

        assertThat(Trend.of(samples, Series.CHECKPOINT_SIZE).orElseThrow().verdict())
                .isEqualTo(Trend.Verdict.FALLING);
    }

    @Test
    void theWarmUpTenthDoesNotCount() {
        List<Sample> samples = everyTenSeconds(180, i -> i < 15 ? 10 + i : 60);

        assertThat(Trend.of(samples, Series.HEAP_AFTER_GC).orElseThrow().verdict())
                .isEqualTo(Trend.Verdict.FLAT);
    }

    @Test
    void aSeriesThatWasZeroAndStaysZeroIsFlatAndOneThatLeavesZeroIsGrowing() {
        Trend none =
                Trend.of(everyTenSeconds(180, i -> 0), Series.HEAP_AFTER_GC).orElseThrow();
        Trend some = Trend.of(everyTenSeconds(180, i -> i < 100 ? 0 : 5), Series.HEAP_AFTER_GC)
                .orElseThrow();

        assertThat(none.verdict()).isEqualTo(Trend.Verdict.FLAT);
        assertThat(none.changeText()).isEqualTo("n/a");
        assertThat(some.verdict()).isEqualTo(Trend.Verdict.GROWING);
    }

    @Test
    void fromAGivenTimeTheHalvesSplitWhatIsLeft() {
        // Climbing for the first 20 minutes, then level; the halves of 20:00-30:00 meet at 25:00.
        List<Sample> samples = everyTenSeconds(180, i -> Math.min(i, 120) + (i > 150 ? 1 : 0));

        Trend trend =
                Trend.of(samples, Series.HEAP_AFTER_GC, Duration.ofMinutes(20)).orElseThrow();

        assertThat(trend.points()).isEqualTo(61);
        assertThat(trend.firstHalfMedian()).isEqualTo(120);
        assertThat(trend.secondHalfMedian()).isEqualTo(121);
        assertThat(trend.verdict()).isEqualTo(Trend.Verdict.FLAT);
        assertThat(Trend.of(samples, Series.HEAP_AFTER_GC).orElseThrow().verdict())
                .as("from the warm-up tenth, the climb counts")
                .isEqualTo(Trend.Verdict.GROWING);
        assertThat(Trend.warmUpEnd(samples)).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void tooFewValuesInEitherHalfTellNothing() {
        assertThat(Trend.of(List.of(), Series.HEAP_AFTER_GC)).isEmpty();
        assertThat(Trend.of(everyTenSeconds(3, i -> 50), Series.HEAP_AFTER_GC)).isEmpty();
        assertThat(Trend.of(everyTenSeconds(180, i -> 50), Series.LIVE_HEAP))
                .as("never sampled")
                .isEmpty();
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Trend.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Trend.median(new double[] {5, 1, 3})).isEqualTo(3);
    }

    static List<Sample> everyTenSeconds(int count, IntToDoubleFunction heap) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            double value = heap.applyAsDouble(i);
            samples.add(new Sample(
                    Duration.ofSeconds(10L * i), Map.of(Series.HEAP_AFTER_GC, value, Series.CHECKPOINT_SIZE, value)));
        }
        return samples;
    }
}
