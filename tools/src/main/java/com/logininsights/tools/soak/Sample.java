package com.logininsights.tools.soak;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One sample: the time since the input started, and each series' value. A series that could not be read this time
 * (a REST call that timed out on a busy machine, no full collection in this interval) has no value, rather than a
 * made-up one.
 */
public record Sample(Duration elapsed, Map<Series, Double> values) {

    public Sample {
        EnumMap<Series, Double> copy = new EnumMap<>(Series.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
    }

    public OptionalDouble value(Series series) {
        Double value = values.get(series);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    public double minutes() {
        return elapsed.toMillis() / 60_000.0;
    }
}
