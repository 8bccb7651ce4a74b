package com.logininsights.insights;

/**
 * One record of the insights topic: a window's summary, one of its per-value rows, or a late event. Exactly one of
 * the three is set. (A record rather than an interface with three implementations, so that Flink serializes it as
 * the value type it is, without Kryo.)
 */
public record Insight(WindowSummary summary, DimensionInsight dimension, LateEvent lateEvent) {

    public static Insight of(WindowSummary summary) {
        return new Insight(summary, null, null);
    }

    public static Insight of(DimensionInsight dimension) {
        return new Insight(null, dimension, null);
    }

    public static Insight of(LateEvent lateEvent) {
        return new Insight(null, null, lateEvent);
    }
}
