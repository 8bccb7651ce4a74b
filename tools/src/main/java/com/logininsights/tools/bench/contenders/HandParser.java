package com.logininsights.tools.bench.contenders;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The hand-written loop's parsing and validation: one raw login in, one enriched event or one dead letter out.
 * Written the way a careful user would: one streaming pass, no object tree, reused buffers, and a reason for every
 * rejection. The rules follow the job's in spirit (required user_id and timestamp, optional fields may be missing,
 * duplicates and wrong types rejected, seconds or milliseconds by size, no events from the future).
 */
final class HandParser {
    static final int MAX_RECORD_BYTES = 64 * 1024;
    static final int KEPT_PAYLOAD_BYTES = 1024;
    private static final long MAX_FUTURE_SKEW_MILLIS = 60_000;
    private static final long MILLIS_FROM = 100_000_000_000L;
    private static final BigDecimal MILLIS_FROM_DECIMAL = BigDecimal.valueOf(MILLIS_FROM);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final JsonFactory json = new JsonFactory();
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(512);
    private final String processedTopic;
    private final String deadLetterTopic;
    private final LongSupplier clock;

    HandParser(String processedTopic, String deadLetterTopic, LongSupplier clock) {
        this.processedTopic = processedTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.clock = clock;
    }

    /** Why a record is rejected. Thrown on the rare bad record only, so it skips the stack trace. */
    static final class Rejected extends Exception {
        final String reason;
        final String field;

        Rejected(String reason, String field, String message) {
            super(message, null, false, false);
            this.reason = reason;
            this.field = field;
        }
    }

    /** One accepted login, normalised. */
    record Login(
            String userId,
            String appVersion,
            String deviceType,
            String ip,
            String locale,
            String deviceId,
            long eventMillis) {}

    ProducerRecord<byte[], byte[]> route(ConsumerRecord<byte[], byte[]> record) {
        try {
            Login login = parse(record.value());
            return new ProducerRecord<>(
                    processedTopic,
                    null,
                    login.eventMillis(),
                    login.userId().getBytes(StandardCharsets.UTF_8),
                    enriched(login, record));
        } catch (Rejected rejected) {
            String key = record.topic() + "/" + record.partition() + "/" + record.offset();
            return new ProducerRecord<>(
                    deadLetterTopic, key.getBytes(StandardCharsets.UTF_8), deadLetter(rejected, record));
        }
    }

    Login parse(byte[] value) throws Rejected {
        if (value == null || value.length == 0) {
            throw new Rejected("empty", null, "the record has no value");
        }
        if (value.length > MAX_RECORD_BYTES) {
            throw new Rejected("too_large", null, "the record is " + value.length + " bytes");
        }
        if (!Utf8Validator.isValid(value)) {
            throw new Rejected("not_utf8", null, "the record is not valid UTF-8");
        }
        try (JsonParser parser = json.createParser(value)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new Rejected("empty", null, "the record holds only white space");
            }
            if (first != JsonToken.START_OBJECT) {
                parser.skipChildren();
                requireEnd(parser);
                throw new Rejected("not_object", null, "the record is JSON but not an object");
            }
            Fields fields = new Fields();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                fields.read(name, parser);
            }
            requireEnd(parser);
            return fields.toLogin(clock.getAsLong() + MAX_FUTURE_SKEW_MILLIS);
        } catch (JsonProcessingException e) {
            throw new Rejected("not_json", null, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Rejected("not_json", null, "unreadable as JSON: " + e.getMessage());
        }
    }

    private static void requireEnd(JsonParser parser) throws IOException, Rejected {
        if (parser.nextToken() != null) {
            throw new Rejected("not_json", null, "content after the first JSON value");
        }
    }

    /** The known fields as they are read; each may appear once. */
    private static final class Fields {
        private String userId;
        private String appVersion;
        private String deviceType;
        private String ip;
        private String locale;
        private String deviceId;
        private Long eventMillis;
        private int seen;

        void read(String name, JsonParser parser) throws IOException, Rejected {
            switch (name) {
                case "user_id" -> userId = text(name, 0, parser);
                case "app_version" -> appVersion = text(name, 1, parser);
                case "device_type" -> deviceType = lower(text(name, 2, parser));
                case "ip" -> ip = text(name, 3, parser);
                case "locale" -> locale = upper(text(name, 4, parser));
                case "device_id" -> deviceId = text(name, 5, parser);
                case "timestamp" -> eventMillis = timestamp(parser);
                default -> parser.skipChildren();
            }
        }

        private void once(String name, int bit) throws Rejected {
            if ((seen & (1 << bit)) != 0) {
                throw new Rejected("duplicate_field", name, "field '" + name + "' appears twice");
            }
            seen |= 1 << bit;
        }

        private String text(String name, int bit, JsonParser parser) throws IOException, Rejected {
            once(name, bit);
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token != JsonToken.VALUE_STRING) {
                parser.skipChildren();
                throw new Rejected("wrong_type", name, "field '" + name + "' must be a string");
            }
            String trimmed = parser.getText().trim();
            return trimmed.isEmpty() ? null : trimmed;
        }

        private Long timestamp(JsonParser parser) throws IOException, Rejected {
            once("timestamp", 6);
            return switch (parser.currentToken()) {
                case VALUE_NULL -> null;
                case VALUE_NUMBER_INT ->
                    parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                            ? millis(parser.getDecimalValue())
                            : millis(parser.getLongValue());
                case VALUE_NUMBER_FLOAT -> millis(parser.getDecimalValue());
                case VALUE_STRING -> millis(parser.getText().trim());
                default -> throw new Rejected("wrong_type", "timestamp", "'timestamp' must be a number");
            };
        }

        Login toLogin(long latestAcceptedMillis) throws Rejected {
            if (userId == null) {
                throw new Rejected("missing_user_id", "user_id", "'user_id' is missing, null or blank");
            }
            if (eventMillis == null) {
                throw new Rejected("missing_timestamp", "timestamp", "'timestamp' is missing or null");
            }
            if (eventMillis > latestAcceptedMillis) {
                throw new Rejected("timestamp_in_future", "timestamp", "'timestamp' is in the future");
            }
            return new Login(userId, appVersion, deviceType, ip, locale, deviceId, eventMillis);
        }
    }

    /** Epoch seconds, or milliseconds when the value is too large to be seconds (year 5138 and beyond). */
    static long millis(long value) throws Rejected {
        if (value <= 0) {
            throw badTimestamp();
        }
        return value >= MILLIS_FROM ? value : Math.multiplyExact(value, 1000L);
    }

    static long millis(BigDecimal value) throws Rejected {
        if (value.signum() <= 0) {
            throw badTimestamp();
        }
        BigDecimal millis = value.compareTo(MILLIS_FROM_DECIMAL) >= 0 ? value : value.movePointRight(3);
        if (millis.compareTo(LONG_MAX) > 0) {
            throw badTimestamp();
        }
        return millis.longValue();
    }

    static long millis(String text) throws Rejected {
        if (text.isEmpty()) {
            throw badTimestamp();
        }
        if (text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return millis(Long.parseLong(text));
        }
        try {
            return millis(new BigDecimal(text));
        } catch (NumberFormatException e) {
            throw badTimestamp();
        }
    }

    private static Rejected badTimestamp() {
        return new Rejected("bad_timestamp", "timestamp", "'timestamp' is not a positive epoch time");
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    byte[] enriched(Login login, ConsumerRecord<byte[], byte[]> source) {
        return write(out -> {
            out.writeStringField("user_id", login.userId());
            out.writeStringField("app_version", login.appVersion());
            out.writeStringField("device_type", login.deviceType());
            out.writeStringField("ip", login.ip());
            out.writeStringField("locale", login.locale());
            out.writeStringField("device_id", login.deviceId());
            out.writeNumberField("timestamp", Math.floorDiv(login.eventMillis(), 1000));
            out.writeStringField(
                    "event_time", Instant.ofEpochMilli(login.eventMillis()).toString());
            out.writeArrayFieldStart("missing_fields");
            writeIfMissing(out, "app_version", login.appVersion());
            writeIfMissing(out, "device_type", login.deviceType());
            writeIfMissing(out, "ip", login.ip());
            writeIfMissing(out, "locale", login.locale());
            writeIfMissing(out, "device_id", login.deviceId());
            out.writeEndArray();
            writeSource(out, source);
        });
    }

    byte[] deadLetter(Rejected rejected, ConsumerRecord<byte[], byte[]> source) {
        byte[] value = source.value() == null ? new byte[0] : source.value();
        boolean truncated = value.length > KEPT_PAYLOAD_BYTES && rejected.reason.equals("too_large");
        byte[] payload = truncated ? Arrays.copyOf(value, KEPT_PAYLOAD_BYTES) : value;
        return write(out -> {
            out.writeStringField("reason", rejected.reason);
            out.writeStringField("message", rejected.getMessage());
            out.writeStringField("field", rejected.field);
            if (Utf8Validator.isValid(payload)) {
                out.writeStringField("payload", new String(payload, StandardCharsets.UTF_8));
                out.writeStringField("payload_encoding", "utf8");
            } else {
                out.writeStringField("payload", Base64.getEncoder().encodeToString(payload));
                out.writeStringField("payload_encoding", "base64");
            }
            out.writeNumberField("payload_size", value.length);
            out.writeBooleanField("payload_truncated", truncated);
            writeSource(out, source);
            out.writeStringField(
                    "rejected_at", Instant.ofEpochMilli(clock.getAsLong()).toString());
        });
    }

    private static void writeIfMissing(JsonGenerator out, String name, String value) throws IOException {
        if (value == null) {
            out.writeString(name);
        }
    }

    private static void writeSource(JsonGenerator out, ConsumerRecord<byte[], byte[]> source) throws IOException {
        out.writeObjectFieldStart("source");
        out.writeStringField("topic", source.topic());
        out.writeNumberField("partition", source.partition());
        out.writeNumberField("offset", source.offset());
        out.writeStringField(
                "timestamp", Instant.ofEpochMilli(source.timestamp()).toString());
        out.writeEndObject();
    }

    private interface Body {
        void write(JsonGenerator out) throws IOException;
    }

    private byte[] write(Body body) {
        buffer.reset();
        try (JsonGenerator out = json.createGenerator(buffer, JsonEncoding.UTF8)) {
            out.writeStartObject();
            body.write(out);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
