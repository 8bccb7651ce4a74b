package com.logininsights.kafka;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.logininsights.insights.DimensionInsight;
import com.logininsights.insights.LocaleCount;
import com.logininsights.insights.WindowSummary;
import com.logininsights.model.DeadLetter;
import com.logininsights.model.LoginEvent;
import com.logininsights.model.SourcePosition;
import com.logininsights.parse.Utf8;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/** The JSON of every record the job writes. The README's output schemas describe exactly this. */
public final class OutputJson {
    private static final JsonFactory JSON = new JsonFactory();

    private OutputJson() {}

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] object(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return bytes.toByteArray();
    }

    public static byte[] enrichedEvent(LoginEvent event) {
        return object(json -> {
            json.writeStringField("user_id", event.userId());
            json.writeStringField("app_version", event.appVersion());
            json.writeStringField("device_type", event.deviceType());
            json.writeStringField("ip", event.ip());
            json.writeStringField("locale", event.locale());
            json.writeStringField("device_id", event.deviceId());
            json.writeNumberField("timestamp", Math.floorDiv(event.eventTimeMillis(), 1000));
            json.writeStringField("event_time", Instant.ofEpochMilli(event.eventTimeMillis()).toString());
            json.writeArrayFieldStart("missing_fields");
            for (String field : event.missingFields()) {
                json.writeString(field);
            }
            json.writeEndArray();
            writeSource(json, event.source());
        });
    }

    public static byte[] deadLetter(DeadLetter letter) {
        return object(json -> {
            json.writeStringField("reason", letter.reason().code());
            json.writeStringField("message", letter.message());
            json.writeStringField("field", letter.field());
            writeBytes(json, "payload", letter.payload());
            json.writeNumberField("payload_size", letter.payloadSize());
            json.writeBooleanField("payload_truncated", letter.payloadTruncated());
            writeBytes(json, "key", letter.key());
            writeSource(json, letter.source());
            json.writeStringField("rejected_at", Instant.ofEpochMilli(letter.rejectedAtMillis()).toString());
        });
    }

    public static byte[] dimensionInsight(DimensionInsight insight) {
        return object(json -> {
            json.writeStringField("type", "dimension");
            writeWindow(json, insight.windowStartMillis(), insight.windowEndMillis(), insight.revision());
            json.writeStringField("dimension", insight.dimension().fieldName());
            json.writeStringField("value", insight.value());
            json.writeNumberField("logins", insight.logins());
            json.writeNumberField("distinct_users", insight.distinctUsers());
        });
    }

    public static byte[] windowSummary(WindowSummary summary) {
        return object(json -> {
            json.writeStringField("type", "summary");
            writeWindow(json, summary.windowStartMillis(), summary.windowEndMillis(), summary.revision());
            json.writeNumberField("logins", summary.logins());
            json.writeNumberField("distinct_users", summary.distinctUsers());
            json.writeNumberField("records_with_missing_fields", summary.recordsWithMissingFields());
            json.writeObjectFieldStart("device_share");
            for (Map.Entry<String, Double> share : summary.deviceShare().entrySet()) {
                json.writeNumberField(share.getKey(), share.getValue());
            }
            json.writeEndObject();
            json.writeArrayFieldStart("top_locales");
            for (LocaleCount locale : summary.topLocales()) {
                json.writeStartObject();
                json.writeStringField("locale", locale.locale());
                json.writeNumberField("logins", locale.logins());
                json.writeNumberField("distinct_users", locale.distinctUsers());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    public static byte[] lateEvent(LoginEvent event, long windowStartMillis, long windowEndMillis) {
        return object(json -> {
            json.writeStringField("type", "late_event");
            json.writeStringField("window_start", Instant.ofEpochMilli(windowStartMillis).toString());
            json.writeStringField("window_end", Instant.ofEpochMilli(windowEndMillis).toString());
            json.writeStringField("event_time", Instant.ofEpochMilli(event.eventTimeMillis()).toString());
            json.writeStringField("user_id", event.userId());
            writeSource(json, event.source());
        });
    }

    private static void writeWindow(JsonGenerator json, long start, long end, int revision) throws IOException {
        json.writeStringField("window_start", Instant.ofEpochMilli(start).toString());
        json.writeStringField("window_end", Instant.ofEpochMilli(end).toString());
        json.writeNumberField("revision", revision);
    }

    private static void writeSource(JsonGenerator json, SourcePosition source) throws IOException {
        json.writeObjectFieldStart("source");
        json.writeStringField("topic", source.topic());
        json.writeNumberField("partition", source.partition());
        json.writeNumberField("offset", source.offset());
        json.writeStringField("timestamp", Instant.ofEpochMilli(source.kafkaTimestampMillis()).toString());
        json.writeEndObject();
    }

    /** Bytes as text when they are UTF-8, else as base64; {@code <name>_encoding} says which. */
    private static void writeBytes(JsonGenerator json, String name, byte[] bytes) throws IOException {
        if (bytes == null) {
            json.writeNullField(name);
            json.writeNullField(name + "_encoding");
        } else if (Utf8.isValid(bytes)) {
            json.writeStringField(name, new String(bytes, StandardCharsets.UTF_8));
            json.writeStringField(name + "_encoding", "utf8");
        } else {
            json.writeStringField(name, Base64.getEncoder().encodeToString(bytes));
            json.writeStringField(name + "_encoding", "base64");
        }
    }
}
