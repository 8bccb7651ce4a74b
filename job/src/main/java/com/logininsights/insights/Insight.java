package com.logininsights.insights;

/**
 * One record of the insights topic: a window's summary, one of its per-value rows, a late event, or a login too late
 * for the signals. Exactly one of the four is set. (A record rather than an interface with four implementations, so
 * that Flink serializes it as the value type it is, without Kryo.)
 */
public record Insight(
        WindowSummary summary, DimensionInsight dimension, LateEvent lateEvent, LateForSignals lateForSignals) {

    public static Insight of(WindowSummary summary) {
        return new Insight(summary, null, null, null);
    }

    public static Insight of(DimensionInsight dimension) {
        return new Insight(null, dimension, null, null);
    }

    public static Insight of(LateEvent lateEvent) {
        return new Insight(null, null, lateEvent, null);
    }

    public static Insight of(LateForSignals lateForSignals) {
        return new Insight(null, null, null, lateForSignals);
    }
}
