package com.logininsights.insights;

import com.logininsights.kafka.OutputJson;
import com.logininsights.model.LoginEvent;
import java.time.Instant;

/**
 * One record for the insights topic: its Kafka key and its JSON. Summaries, per-value rows and late events share
 * the topic; the key names the window and the value, so a compacted topic keeps the latest revision of each.
 */
public record InsightRecord(String key, byte[] json) {

    public static InsightRecord of(WindowSummary summary) {
        return new InsightRecord(
                windowKey(summary.windowStartMillis()) + "/summary", OutputJson.windowSummary(summary));
    }

    public static InsightRecord of(DimensionInsight insight) {
        return new InsightRecord(
                windowKey(insight.windowStartMillis()) + "/"
                        + insight.dimension().fieldName() + "/" + insight.value(),
                OutputJson.dimensionInsight(insight));
    }

    public static InsightRecord lateEvent(LoginEvent event, long windowStartMillis, long windowEndMillis) {
        return new InsightRecord(
                "late/" + event.source().id(), OutputJson.lateEvent(event, windowStartMillis, windowEndMillis));
    }

    private static String windowKey(long windowStartMillis) {
        return Instant.ofEpochMilli(windowStartMillis).toString();
    }
}
