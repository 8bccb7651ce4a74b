package com.logininsights.output;

import com.logininsights.insights.DimensionInsight;
import com.logininsights.insights.Insight;
import com.logininsights.insights.LateEvent;
import com.logininsights.insights.LateForSignals;
import com.logininsights.insights.LocaleCount;
import com.logininsights.insights.WindowSummary;
import java.util.Map;
import java.util.TreeMap;

/** {@code user-login-insights}: four record types told apart by {@code type}. */
public final class InsightJson implements JsonRenderer<Insight> {

    @Override
    public byte[] render(Insight insight, JsonWriter json) {
        json.beginObject();
        if (insight.summary() != null) {
            summary(json, insight.summary());
        } else if (insight.dimension() != null) {
            dimension(json, insight.dimension());
        } else if (insight.lateEvent() != null) {
            lateEvent(json, insight.lateEvent());
        } else {
            lateForSignals(json, insight.lateForSignals());
        }
        return json.endObject();
    }

    private static void summary(JsonWriter json, WindowSummary summary) {
        json.string("type", "summary");
        CommonFields.window(json, summary.windowStartMillis(), summary.windowEndMillis());
        json.number("revision", summary.revision());
        json.number("logins", summary.logins());
        json.number("distinct_users", summary.distinctUsers());
        json.number("records_with_missing_fields", summary.recordsWithMissingFields());
        json.beginObject("device_share");
        // Sorted, so that the same figures always read the same: the map may come out of a serializer in any order.
        for (Map.Entry<String, Double> share : new TreeMap<>(summary.deviceShare()).entrySet()) {
            json.number(share.getKey(), share.getValue());
        }
        json.endNested();
        json.beginArray("top_locales");
        for (LocaleCount locale : summary.topLocales()) {
            json.beginObjectInArray();
            json.string("locale", locale.locale());
            json.number("logins", locale.logins());
            json.number("distinct_users", locale.distinctUsers());
            json.endNested();
        }
        json.endArray();
    }

    private static void dimension(JsonWriter json, DimensionInsight row) {
        json.string("type", "dimension");
        CommonFields.window(json, row.windowStartMillis(), row.windowEndMillis());
        json.number("revision", row.revision());
        json.string("dimension", row.dimension().fieldName());
        json.string("value", row.value());
        json.number("logins", row.logins());
        json.number("distinct_users", row.distinctUsers());
        json.number("user_share", row.userShare());
    }

    private static void lateEvent(JsonWriter json, LateEvent late) {
        json.string("type", "late_event");
        CommonFields.window(json, late.windowStartMillis(), late.windowEndMillis());
        json.time("event_time", late.event().eventTimeMillis());
        json.string("user_id", late.event().userId());
        CommonFields.source(json, late.event().source());
    }

    private static void lateForSignals(JsonWriter json, LateForSignals late) {
        json.string("type", "late_for_signals");
        json.string("subject_type", late.subjectType());
        json.time("event_time", late.eventTimeMillis());
        json.string("user_id", late.userId());
        CommonFields.source(json, late.source());
    }
}
