package com.logininsights.tools.generator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns a valid record into one of the malformed kinds. Each malformation is the record's only fault, so the job
 * has exactly one right dead-letter reason for it. Variants within a kind are the forms seen or feared upstream.
 */
final class Malformations {
    /** The job's default record limit is 64 KiB; this is well over it and well under Kafka's 1 MiB default. */
    static final int TOO_LARGE_PADDING_CHARS = 200 * 1024;

    /** 2100-01-01T00:00:00Z: far enough ahead to be wrong under any clock skew. */
    private static final long YEAR_2100_SECONDS = 4_102_444_800L;

    private static final long YEAR_SECONDS = 365L * 24 * 3600;

    /** Byte sequences no strict UTF-8 decoder accepts. */
    private static final byte[][] INVALID_UTF8 = {
        {(byte) 0xC3, 0x28}, // a two-byte lead followed by '(' instead of a continuation byte
        {(byte) 0xFF}, // never valid anywhere in UTF-8
        {(byte) 0xE9}, // 'é' in Latin-1: a record encoded with the wrong charset
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a UTF-16 surrogate encoded as if it were a character (CESU-8)
    };

    private static final String PADDING = "0123456789abcdef".repeat(TOO_LARGE_PADDING_CHARS / 16);

    private final SplittableRandom random;
    private final UserPool users;

    Malformations(SplittableRandom random, UserPool users) {
        this.random = random;
        this.users = users;
    }

    GeneratedRecord make(RecordKind kind, List<Field> valid, long eventSeconds) {
        byte[] value = switch (kind) {
            case EMPTY -> new byte[0];
            case NOT_UTF8 -> notUtf8(valid);
            case NOT_JSON -> notJson(valid, eventSeconds);
            case NOT_OBJECT -> notObject(valid);
            case DUPLICATE_FIELD -> JsonObjectWriter.write(duplicateField(valid));
            case MISSING_USER_ID -> JsonObjectWriter.write(missingUserId(valid));
            case MISSING_TIMESTAMP -> JsonObjectWriter.write(missingTimestamp(valid));
            case WRONG_TYPE -> JsonObjectWriter.write(wrongType(valid));
            case BAD_TIMESTAMP -> JsonObjectWriter.write(badTimestamp(valid, eventSeconds));
            case FUTURE_TIMESTAMP -> JsonObjectWriter.write(futureTimestamp(valid));
            case TOO_LARGE -> JsonObjectWriter.write(tooLarge(valid));
            case VALID, VALID_MISSING_FIELD, INCIDENT ->
                throw new IllegalArgumentException(kind + " is not a malformation");
        };
        return new GeneratedRecord(kind, value);
    }

    /** Invalid bytes inside one string value of an otherwise valid record. */
    private byte[] notUtf8(List<Field> valid) {
        byte[] json = JsonObjectWriter.write(valid);
        String[] stringFields = {"locale", "device_id", "app_version", "ip"};
        String field = stringFields[random.nextInt(stringFields.length)];
        byte[] needle = ("\"" + field + "\": \"").getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(json, needle) + needle.length;
        byte[] insert = INVALID_UTF8[random.nextInt(INVALID_UTF8.length)];
        byte[] result = new byte[json.length + insert.length];
        System.arraycopy(json, 0, result, 0, at);
        System.arraycopy(insert, 0, result, at, insert.length);
        System.arraycopy(json, at, result, at + insert.length, json.length - at);
        return result;
    }

    private byte[] notJson(List<Field> valid, long eventSeconds) {
        byte[] json = JsonObjectWriter.write(valid);
        String text = new String(json, StandardCharsets.UTF_8);
        String broken = switch (random.nextInt(5)) {
            case 0 -> "user_id=" + userId(valid) + ",ts=" + eventSeconds; // a log line, not JSON
            case 1 -> text.substring(0, 1 + random.nextInt(text.length() - 1)); // cut short in transit
            case 2 -> pythonRepr(valid); // str(dict) instead of json.dumps(dict)
            case 3 -> text + text; // two records in one value: a batching bug
            default -> text.substring(0, text.length() - 1) + ", }"; // a trailing comma
        };
        return broken.getBytes(StandardCharsets.UTF_8);
    }

    /** Well-formed JSON whose top level is not an object. */
    private byte[] notObject(List<Field> valid) {
        String json = switch (random.nextInt(6)) {
            case 0 -> "[1, 2]";
            case 1 -> "\"login\"";
            case 2 -> "42";
            case 3 -> "null";
            case 4 -> "true";
            default -> "[" + new String(JsonObjectWriter.write(valid), StandardCharsets.UTF_8) + "]";
        };
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A known field given twice, both times with a valid value: the job cannot know which one was meant. */
    private List<Field> duplicateField(List<Field> valid) {
        Field second = switch (random.nextInt(4)) {
            case 0 -> new Field("user_id", users.pick(random).userId());
            case 1 -> new Field("device_type", random.nextBoolean() ? "android" : "iOS");
            case 2 -> new Field("locale", UpstreamValues.ALL.locale(random));
            default -> find(valid, "timestamp");
        };
        List<Field> fields = new ArrayList<>(valid);
        fields.add(random.nextInt(fields.size() + 1), second);
        return fields;
    }

    private List<Field> missingUserId(List<Field> valid) {
        return switch (random.nextInt(4)) {
            case 0 -> without(valid, "user_id");
            case 1 -> replaced(valid, "user_id", null);
            case 2 -> replaced(valid, "user_id", "");
            default -> replaced(valid, "user_id", "   ");
        };
    }

    private List<Field> missingTimestamp(List<Field> valid) {
        return random.nextBoolean() ? without(valid, "timestamp") : replaced(valid, "timestamp", null);
    }

    private List<Field> wrongType(List<Field> valid) {
        return switch (random.nextInt(5)) {
            case 0 -> replaced(valid, "user_id", 1 + random.nextInt(100_000));
            case 1 -> replaced(valid, "timestamp", Boolean.TRUE);
            case 2 -> replaced(valid, "locale", 7);
            case 3 ->
                replaced(
                        valid, "device_type", List.of(find(valid, "device_type").value()));
            default -> replaced(valid, "ip", Map.of("v4", find(valid, "ip").value()));
        };
    }

    private List<Field> badTimestamp(List<Field> valid, long eventSeconds) {
        Object timestamp = switch (random.nextInt(5)) {
            case 0 -> "yesterday";
            case 1 -> -eventSeconds;
            case 2 -> "";
            case 3 -> Instant.ofEpochSecond(eventSeconds).toString(); // ISO-8601 text, not epoch seconds
            default -> 0L;
        };
        return replaced(valid, "timestamp", timestamp);
    }

    /** A timestamp in 2100, in seconds or milliseconds, as a number or a string. */
    private List<Field> futureTimestamp(List<Field> valid) {
        long seconds = YEAR_2100_SECONDS + random.nextLong(YEAR_SECONDS);
        Object timestamp = switch (random.nextInt(3)) {
            case 0 -> seconds;
            case 1 -> String.valueOf(seconds);
            default -> seconds * 1000;
        };
        return replaced(valid, "timestamp", timestamp);
    }

    /** A valid record made huge by an unknown field, so only its size is wrong. */
    private List<Field> tooLarge(List<Field> valid) {
        List<Field> fields = new ArrayList<>(valid);
        fields.add(random.nextInt(fields.size() + 1), new Field("debug_trace", PADDING));
        return fields;
    }

    private static String pythonRepr(List<Field> fields) {
        StringBuilder repr = new StringBuilder("{");
        for (Field field : fields) {
            if (repr.length() > 1) {
                repr.append(", ");
            }
            repr.append('\'').append(field.name()).append("': ");
            repr.append(field.value() instanceof String text ? "'" + text + "'" : String.valueOf(field.value()));
        }
        return repr.append('}').toString();
    }

    private static String userId(List<Field> fields) {
        return (String) find(fields, "user_id").value();
    }

    private static Field find(List<Field> fields, String name) {
        return fields.stream()
                .filter(field -> field.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no field " + name));
    }

    private static List<Field> without(List<Field> fields, String name) {
        return fields.stream().filter(field -> !field.name().equals(name)).toList();
    }

    private static List<Field> replaced(List<Field> fields, String name, Object value) {
        return fields.stream()
                .map(field -> field.name().equals(name) ? new Field(name, value) : field)
                .toList();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found: " + new String(needle, StandardCharsets.US_ASCII));
    }
}
