package com.logininsights.tools.replay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Dead letters as JSON: read from the job's dead-letter topic, and written to and read from a file, one per line.
 * The file uses the topic's field names, so one reader serves both; it leaves out {@code payload_size} and
 * {@code payload_truncated}, since a truncated payload is never exported and a fixed payload has a new size.
 *
 * <p>Bytes are text when they are UTF-8 and base64 otherwise, with {@code <name>_encoding} saying which, as the job
 * writes them; text is written as text again, so that a payload can be fixed by hand.
 */
final class DeadLetterJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** JSON may hold U+2028 and U+2029 raw, but many editors and tools break lines there: one record, one line. */
    private static final ObjectWriter LINE = JSON.writer().with(new LineSeparatorsEscaped());

    private DeadLetterJson() {}

    /** A dead letter from its JSON; the exception's message says what is missing or wrong. */
    static DeadLetter read(byte[] json) throws InvalidDeadLetter {
        try {
            return read(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new InvalidDeadLetter("not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new InvalidDeadLetter("not JSON: " + e.getMessage());
        }
    }

    static DeadLetter read(String json) throws InvalidDeadLetter {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static DeadLetter read(JsonNode node) throws InvalidDeadLetter {
        if (node == null || !node.isObject()) {
            throw new InvalidDeadLetter("not a JSON object");
        }
        JsonNode source = node.path("source");
        if (!source.isObject()) {
            throw new InvalidDeadLetter("no source object");
        }
        return new DeadLetter(
                requiredText(node, "reason"),
                optionalText(node, "message"),
                optionalText(node, "field"),
                new DeadLetter.Source(
                        requiredText(source, "topic"),
                        requiredInt(source, "partition"),
                        requiredLong(source, "offset"),
                        instant(source, "timestamp")),
                node.hasNonNull("rejected_at") ? instant(node, "rejected_at") : null,
                bytes(node, "key"),
                bytes(node, "payload"),
                node.path("payload_truncated").asBoolean(false));
    }

    /** One line of an export file, decoded as far as the bytes allow. */
    static String line(DeadLetter letter) {
        ObjectNode node = JSON.createObjectNode();
        node.put("reason", letter.reason());
        node.put("message", letter.message());
        node.put("field", letter.field());
        ObjectNode source = node.putObject("source");
        source.put("topic", letter.source().topic());
        source.put("partition", letter.source().partition());
        source.put("offset", letter.source().offset());
        source.put("timestamp", letter.source().timestamp().toString());
        node.put(
                "rejected_at",
                letter.rejectedAt() == null ? null : letter.rejectedAt().toString());
        putBytes(node, "key", letter.key());
        putBytes(node, "payload", letter.payload());
        try {
            return LINE.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** The bytes as the text they are, for people to read; base64 when they are not UTF-8. */
    static String describe(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        String text = utf8(bytes);
        return text != null ? text : "base64:" + Base64.getEncoder().encodeToString(bytes);
    }

    private static void putBytes(ObjectNode node, String name, byte[] bytes) {
        String text = bytes == null ? null : utf8(bytes);
        if (bytes == null) {
            node.putNull(name);
            node.putNull(name + "_encoding");
        } else if (text != null) {
            node.put(name, text);
            node.put(name + "_encoding", "utf8");
        } else {
            node.put(name, Base64.getEncoder().encodeToString(bytes));
            node.put(name + "_encoding", "base64");
        }
    }

    /** The bytes as text if they are valid UTF-8, else null. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static byte[] bytes(JsonNode node, String name) throws InvalidDeadLetter {
        JsonNode value = node.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidDeadLetter("'" + name + "' is not a string");
        }
        String encoding = node.path(name + "_encoding").asText("utf8");
        return switch (encoding) {
            case "utf8" -> value.asText().getBytes(StandardCharsets.UTF_8);
            case "base64" -> {
                try {
                    yield Base64.getDecoder().decode(value.asText());
                } catch (IllegalArgumentException e) {
                    throw new InvalidDeadLetter("'" + name + "' is not base64: " + e.getMessage());
                }
            }
            default ->
                throw new InvalidDeadLetter("'" + name + "_encoding' is '" + encoding + "'; it must be utf8 or base64");
        };
    }

    private static String requiredText(JsonNode node, String name) throws InvalidDeadLetter {
        JsonNode value = node.path(name);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new InvalidDeadLetter("no '" + name + "'");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isTextual() ? value.asText() : null;
    }

    private static int requiredInt(JsonNode node, String name) throws InvalidDeadLetter {
        JsonNode value = node.path(name);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new InvalidDeadLetter("no whole number '" + name + "'");
        }
        return value.asInt();
    }

    private static long requiredLong(JsonNode node, String name) throws InvalidDeadLetter {
        JsonNode value = node.path(name);
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new InvalidDeadLetter("no whole number '" + name + "'");
        }
        return value.asLong();
    }

    private static Instant instant(JsonNode node, String name) throws InvalidDeadLetter {
        try {
            return Instant.parse(requiredText(node, name));
        } catch (DateTimeParseException e) {
            throw new InvalidDeadLetter("'" + name + "' is not an ISO-8601 instant");
        }
    }

    private static final class LineSeparatorsEscaped extends CharacterEscapes {
        private static final SerializedString LINE_SEPARATOR = new SerializedString("\\u2028");
        private static final SerializedString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");
        private final int[] ascii = standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0x2028 ? LINE_SEPARATOR : ch == 0x2029 ? PARAGRAPH_SEPARATOR : null;
        }
    }

    /** A record or line that is not a dead letter of the job. */
    static final class InvalidDeadLetter extends Exception {
        InvalidDeadLetter(String message) {
            super(message);
        }
    }
}
