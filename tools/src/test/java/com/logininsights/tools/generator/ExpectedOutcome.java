package com.logininsights.tools.generator;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * An independent statement of the job's acceptance rules, written from the job's documented dead-letter reasons
 * rather than from the generator's code: what the job should make of a record value. Good enough for records with
 * a single fault, which is all the generator makes.
 */
final class ExpectedOutcome {
    static final int JOB_MAX_RECORD_BYTES = 64 * 1024;
    static final List<String> TEXT_FIELDS =
            List.of("user_id", "app_version", "device_type", "ip", "locale", "device_id");
    static final List<String> KNOWN_FIELDS =
            List.of("user_id", "app_version", "device_type", "ip", "locale", "device_id", "timestamp");

    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final BigDecimal MILLIS_THRESHOLD = BigDecimal.valueOf(100_000_000_000L);

    private ExpectedOutcome() {}

    /** The dead-letter reason the job should give, or null if it should accept the record. */
    static String reasonFor(byte[] value) {
        if (value.length == 0) {
            return "empty";
        }
        if (value.length > JOB_MAX_RECORD_BYTES) {
            return "too_large";
        }
        if (!isStrictUtf8(value)) {
            return "not_utf8";
        }
        JsonNode tree;
        try {
            tree = LENIENT.readTree(value);
        } catch (IOException e) {
            return "not_json";
        }
        if (tree == null || tree.isMissingNode()) {
            return "empty";
        }
        if (!tree.isObject()) {
            return "not_object";
        }
        try {
            STRICT.readTree(value);
        } catch (IOException e) {
            return "duplicate_field";
        }
        for (String field : TEXT_FIELDS) {
            JsonNode node = tree.get(field);
            if (node != null && !node.isNull() && !node.isTextual()) {
                return "wrong_type";
            }
        }
        JsonNode timestamp = tree.get("timestamp");
        if (timestamp != null && !timestamp.isNull() && !timestamp.isNumber() && !timestamp.isTextual()) {
            return "wrong_type";
        }
        BigDecimal seconds = null;
        if (timestamp != null && !timestamp.isNull()) {
            try {
                seconds = timestamp.isNumber()
                        ? timestamp.decimalValue()
                        : new BigDecimal(timestamp.asText().trim());
            } catch (NumberFormatException e) {
                return "bad_timestamp";
            }
            if (seconds.signum() <= 0) {
                return "bad_timestamp";
            }
        }
        JsonNode userId = tree.get("user_id");
        if (userId == null || userId.isNull() || userId.asText().isBlank()) {
            return "missing_user_id";
        }
        if (seconds == null) {
            return "missing_timestamp";
        }
        BigDecimal millis = seconds.compareTo(MILLIS_THRESHOLD) >= 0 ? seconds : seconds.movePointRight(3);
        if (millis.compareTo(
                        BigDecimal.valueOf(Instant.now().plusSeconds(24 * 3600).toEpochMilli()))
                > 0) {
            return "timestamp_in_future";
        }
        return null;
    }

    static boolean isStrictUtf8(byte[] value) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
