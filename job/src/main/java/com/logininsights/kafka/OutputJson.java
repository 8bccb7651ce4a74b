package com.logininsights.kafka;

import com.logininsights.insights.DimensionInsight;
import com.logininsights.insights.LocaleCount;
import com.logininsights.insights.WindowSummary;
import com.logininsights.model.DeadLetter;
import com.logininsights.model.LoginEvent;
import com.logininsights.model.SourcePosition;
import com.logininsights.parse.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The JSON of every record the job writes. The README's output schemas describe exactly this.
 *
 * <p>Each thread keeps one {@link JsonWriter}: the enriched stream writes an object per input record, and a writer
 * per thread needs no locking and no new buffers.
 */
public final class OutputJson {
    private static final ThreadLocal<JsonWriter> WRITER = ThreadLocal.withInitial(JsonWriter::new);

    private OutputJson() {}

    public static byte[] enrichedEvent(LoginEvent event) {
        JsonWriter json = WRITER.get().beginObject();
        json.string("user_id", event.userId());
        json.string("app_version", event.appVersion());
        json.string("device_type", event.deviceType());
        json.string("ip", event.ip());
        json.string("locale", event.locale());
        json.string("device_id", event.deviceId());
        json.number("timestamp", Math.floorDiv(event.eventTimeMillis(), 1000));
        json.time("event_time", event.eventTimeMillis());
        json.beginArray("missing_fields");
        if (event.hasMissingFields()) {
            event.missingFields().forEach(json::arrayString);
        }
        json.endArray();
        writeSource(json, event.source());
        return json.endObject();
    }

    public static byte[] deadLetter(DeadLetter letter) {
        JsonWriter json = WRITER.get().beginObject();
        json.string("reason", letter.reason().code());
        json.string("message", letter.message());
        json.string("field", letter.field());
        writeBytes(json, "payload", letter.payload());
        json.number("payload_size", letter.payloadSize());
        json.bool("payload_truncated", letter.payloadTruncated());
        writeBytes(json, "key", letter.key());
        writeSource(json, letter.source());
        json.time("rejected_at", letter.rejectedAtMillis());
        return json.endObject();
    }

    public static byte[] dimensionInsight(DimensionInsight insight) {
        JsonWriter json = WRITER.get().beginObject();
        json.string("type", "dimension");
        writeWindow(json, insight.windowStartMillis(), insight.windowEndMillis(), insight.revision());
        json.string("dimension", insight.dimension().fieldName());
        json.string("value", insight.value());
        json.number("logins", insight.logins());
        json.number("distinct_users", insight.distinctUsers());
        return json.endObject();
    }

    public static byte[] windowSummary(WindowSummary summary) {
        JsonWriter json = WRITER.get().beginObject();
        json.string("type", "summary");
        writeWindow(json, summary.windowStartMillis(), summary.windowEndMillis(), summary.revision());
        json.number("logins", summary.logins());
        json.number("distinct_users", summary.distinctUsers());
        json.number("records_with_missing_fields", summary.recordsWithMissingFields());
        json.beginObject("device_share");
        for (Map.Entry<String, Double> share : summary.deviceShare().entrySet()) {
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
        return json.endObject();
    }

    public static byte[] lateEvent(LoginEvent event, long windowStartMillis, long windowEndMillis) {
        JsonWriter json = WRITER.get().beginObject();
        json.string("type", "late_event");
        json.time("window_start", windowStartMillis);
        json.time("window_end", windowEndMillis);
        json.time("event_time", event.eventTimeMillis());
        json.string("user_id", event.userId());
        writeSource(json, event.source());
        return json.endObject();
    }

    private static void writeWindow(JsonWriter json, long start, long end, int revision) {
        json.time("window_start", start);
        json.time("window_end", end);
        json.number("revision", revision);
    }

    private static void writeSource(JsonWriter json, SourcePosition source) {
        json.beginObject("source");
        json.string("topic", source.topic());
        json.number("partition", source.partition());
        json.number("offset", source.offset());
        json.time("timestamp", source.kafkaTimestampMillis());
        json.endNested();
    }

    /** Bytes as text when they are UTF-8, else as base64; {@code <name>_encoding} says which. */
    private static void writeBytes(JsonWriter json, String name, byte[] bytes) {
        if (bytes == null) {
            json.nullValue(name);
            json.nullValue(name + "_encoding");
        } else if (Utf8.isValid(bytes)) {
            json.string(name, new String(bytes, StandardCharsets.UTF_8));
            json.string(name + "_encoding", "utf8");
        } else {
            json.string(name, Base64.getEncoder().encodeToString(bytes));
            json.string(name + "_encoding", "base64");
        }
    }
}
