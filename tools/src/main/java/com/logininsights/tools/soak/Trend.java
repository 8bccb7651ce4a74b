package com.logininsights.tools.soak;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Whether a series stays level over a soak: the run less its first tenth (warm-up: class loading, the JIT, pools
 * filling) is cut into two halves by time, and the median of the second half is compared with that of the first.
 * Within {@value #FLAT_WITHIN_PERCENT}% either way it is flat. Medians, not means or a fitted line, so that the
 * sawtooth of a heap between collections or of state between windows firing does not decide it; a leak moves every
 * value, so it moves the median. The least-squares slope over the same span is reported alongside, as a rate.
 */
record Trend(Series series, int points, double firstHalfMedian, double secondHalfMedian, double slopePerTenMinutes) {
    static final int FLAT_WITHIN_PERCENT = 10;
    static final double WARM_UP_SHARE = 0.1;
    private static final int MIN_POINTS_PER_HALF = 2;

    enum Verdict {
        FLAT,
        GROWING,
        FALLING
    }

    /** Over the run less its first tenth (warm-up); empty when either half has fewer than two values. */
    static Optional<Trend> of(List<Sample> samples, Series series) {
        return of(samples, series, warmUpEnd(samples));
    }

    /** Over the samples from {@code from} to the last; empty when either half has fewer than two values. */
    static Optional<Trend> of(List<Sample> samples, Series series, Duration from) {
        if (samples.isEmpty()) {
            return Optional.empty();
        }
        long fromMillis = from.toMillis();
        long endMillis = samples.get(samples.size() - 1).elapsed().toMillis();
        double middleMillis = fromMillis + (endMillis - fromMillis) / 2.0;
        List<Sample> measured = samples.stream()
                .filter(sample -> sample.elapsed().toMillis() >= fromMillis)
                .filter(sample -> sample.value(series).isPresent())
                .toList();
        double[] first = values(measured, series, sample -> sample.elapsed().toMillis() < middleMillis);
        double[] second = values(measured, series, sample -> sample.elapsed().toMillis() >= middleMillis);
        if (first.length < MIN_POINTS_PER_HALF || second.length < MIN_POINTS_PER_HALF) {
            return Optional.empty();
        }
        return Optional.of(new Trend(series, measured.size(), median(first), median(second), slope(measured, series)));
    }

    /** The end of the run's first tenth, its warm-up (class loading, the JIT, pools filling). */
    static Duration warmUpEnd(List<Sample> samples) {
        return samples.isEmpty()
                ? Duration.ZERO
                : Duration.ofMillis((long)
                        Math.ceil(samples.get(samples.size() - 1).elapsed().toMillis() * WARM_UP_SHARE));
    }

    /**
     * The second half's median against the first's, as a share (0.05 is 5% higher); empty when the first half's
     * median is zero (a lag that was nothing), where a share says nothing.
     */
    OptionalDouble change() {
        return firstHalfMedian == 0
                ? OptionalDouble.empty()
                : OptionalDouble.of((secondHalfMedian - firstHalfMedian) / firstHalfMedian);
    }

    Verdict verdict() {
        double change = change().orElse(Math.signum(secondHalfMedian));
        if (Math.abs(change) * 100 <= FLAT_WITHIN_PERCENT) {
            return Verdict.FLAT;
        }
        return change > 0 ? Verdict.GROWING : Verdict.FALLING;
    }

    /** {@code +1.3%}, or {@code n/a} when there is no share to give. */
    String changeText() {
        return change().isPresent() ? String.format(Locale.ROOT, "%+.1f%%", change().getAsDouble() * 100) : "n/a";
    }

    /** One line for people, e.g. {@code heap after GC: flat (median 61.2 MB, then 62.0 MB: +1.3%; ...)}. */
    String describe() {
        String unit = series.unit().isEmpty() ? "" : " " + series.unit();
        String format = "%." + series.decimals() + "f";
        return String.format(
                Locale.ROOT,
                "%s: %s (median " + format + "%s in the first half, " + format + "%s in the second: %s;"
                        + " least-squares slope %+.2f%s per 10 min over %d samples)",
                series.title(),
                verdict().name().toLowerCase(Locale.ROOT),
                firstHalfMedian,
                unit,
                secondHalfMedian,
                unit,
                changeText(),
                slopePerTenMinutes,
                unit,
                points);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double[] values(List<Sample> samples, Series series, java.util.function.Predicate<Sample> which) {
        return samples.stream()
                .filter(which)
                .mapToDouble(sample -> sample.value(series).orElseThrow())
                .toArray();
    }

    private static double slope(List<Sample> samples, Series series) {
        double n = samples.size();
        double meanX = samples.stream().mapToDouble(Sample::minutes).sum() / n;
        double meanY = samples.stream()
                        .mapToDouble(sample -> sample.value(series).orElseThrow())
                        .sum()
                / n;
        double covariance = 0;
        double variance = 0;
        for (Sample sample : samples) {
            double dx = sample.minutes() - meanX;
            covariance += dx * (sample.value(series).orElseThrow() - meanY);
            variance += dx * dx;
        }
        return variance == 0 ? 0 : covariance / variance * 10;
    }
}
