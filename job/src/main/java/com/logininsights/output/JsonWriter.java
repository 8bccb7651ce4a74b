package com.logininsights.output;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes one JSON object at a time into a buffer it keeps, as UTF-8. The enriched stream writes an object per input
 * record, and this writer is why that costs one array copy rather than a Jackson generator, its buffers and a
 * {@link Instant#toString()} per timestamp.
 *
 * <p>Strings are escaped as RFC 8259 asks: quote, backslash and control characters; everything else is written as
 * UTF-8, except an unpaired surrogate (which a JSON input can smuggle in as {@code \ud800}): it is written as a
 * {@code \\uXXXX} escape, so that the output is always valid UTF-8.
 */
public final class JsonWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final long LAST_FOUR_DIGIT_YEAR_MILLIS =
            Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
    private static final int INITIAL_BYTES = 1024;
    /** A rare huge dead letter may grow the buffer; it is not kept that large for the records after it. */
    private static final int MAX_KEPT_BYTES = 64 * 1024;

    private final Map<String, byte[]> keys = new HashMap<>();
    private final byte[] lastSecond = new byte[19];
    private long lastSecondRendered = -1;
    private byte[] bytes = new byte[INITIAL_BYTES];
    private char[] chars = new char[INITIAL_BYTES];
    private int size;
    private boolean afterValue;

    /** Starts a new top-level object, forgetting the last one. */
    JsonWriter beginObject() {
        if (bytes.length > MAX_KEPT_BYTES) {
            bytes = new byte[INITIAL_BYTES];
            chars = new char[INITIAL_BYTES];
        }
        size = 0;
        afterValue = false;
        put('{');
        return this;
    }

    /** Closes the top-level object and returns its bytes. */
    byte[] endObject() {
        put('}');
        return Arrays.copyOf(bytes, size);
    }

    void string(String name, String value) {
        name(name);
        stringValue(value);
    }

    void number(String name, long value) {
        name(name);
        longValue(value);
        afterValue = true;
    }

    /** Non-finite numbers have no JSON form; they are written as null. */
    void number(String name, double value) {
        name(name);
        if (Double.isFinite(value)) {
            ascii(Double.toString(value));
        } else {
            ascii("null");
        }
        afterValue = true;
    }

    void bool(String name, boolean value) {
        name(name);
        ascii(value ? "true" : "false");
        afterValue = true;
    }

    void nullValue(String name) {
        name(name);
        ascii("null");
        afterValue = true;
    }

    /** An instant as {@link Instant#toString()} writes it, such as {@code 2023-09-12T00:45:51Z}. */
    void time(String name, long epochMillis) {
        name(name);
        put('"');
        if (epochMillis >= 0 && epochMillis <= LAST_FOUR_DIGIT_YEAR_MILLIS) {
            utcTimestamp(epochMillis);
        } else {
            ascii(Instant.ofEpochMilli(epochMillis).toString());
        }
        put('"');
        afterValue = true;
    }

    void beginObject(String name) {
        name(name);
        put('{');
        afterValue = false;
    }

    void beginObjectInArray() {
        separate();
        put('{');
        afterValue = false;
    }

    void endNested() {
        put('}');
        afterValue = true;
    }

    void beginArray(String name) {
        name(name);
        put('[');
        afterValue = false;
    }

    void arrayString(String value) {
        separate();
        stringValue(value);
    }

    void endArray() {
        put(']');
        afterValue = true;
    }

    /** Field names are a few dozen constants, so each is escaped once and then copied. */
    private void name(String name) {
        byte[] key = keys.get(name);
        if (key == null) {
            key = quotedKey(name);
            keys.put(name, key);
        }
        ensure(key.length + 1);
        if (afterValue) {
            bytes[size++] = ',';
        }
        System.arraycopy(key, 0, bytes, size, key.length);
        size += key.length;
    }

    private static byte[] quotedKey(String name) {
        JsonWriter json = new JsonWriter();
        json.stringValue(name);
        json.put(':');
        return Arrays.copyOf(json.bytes, json.size);
    }

    private void separate() {
        if (afterValue) {
            put(',');
        }
    }

    private void stringValue(String value) {
        if (value == null) {
            ascii("null");
            afterValue = true;
            return;
        }
        int length = value.length();
        ensure(length * 6 + 2);
        // One bulk copy out of the string, then plain array reads: cheaper than a bounds-checked charAt per char.
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        value.getChars(0, length, chars, 0);
        char[] in = chars;
        byte[] out = bytes;
        int at = size;
        out[at++] = '"';
        int i = 0;
        for (char c; i < length && (c = in[i]) >= 0x20 && c < 0x80 && c != '"' && c != '\\'; i++) {
            out[at + i] = (byte) c;
        }
        at += i;
        for (; i < length; i++) {
            char c = in[i];
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                out[at++] = (byte) c;
            } else if (c < 0x80) {
                at = escapeAscii(out, at, c);
            } else if (c < 0x800) {
                out[at++] = (byte) (0xc0 | c >> 6);
                out[at++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(in[i + 1])) {
                int codePoint = Character.toCodePoint(c, in[++i]);
                out[at++] = (byte) (0xf0 | codePoint >> 18);
                out[at++] = (byte) (0x80 | codePoint >> 12 & 0x3f);
                out[at++] = (byte) (0x80 | codePoint >> 6 & 0x3f);
                out[at++] = (byte) (0x80 | codePoint & 0x3f);
            } else if (Character.isSurrogate(c)) {
                at = unicodeEscape(out, at, c);
            } else {
                out[at++] = (byte) (0xe0 | c >> 12);
                out[at++] = (byte) (0x80 | c >> 6 & 0x3f);
                out[at++] = (byte) (0x80 | c & 0x3f);
            }
        }
        out[at++] = '"';
        size = at;
        afterValue = true;
    }

    private static int escapeAscii(byte[] out, int at, char c) {
        char shortForm = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\t' -> 't';
            case '\b' -> 'b';
            case '\f' -> 'f';
            default -> 0;
        };
        if (shortForm == 0) {
            return unicodeEscape(out, at, c);
        }
        out[at++] = '\\';
        out[at++] = (byte) shortForm;
        return at;
    }

    private static int unicodeEscape(byte[] out, int at, char c) {
        out[at++] = '\\';
        out[at++] = 'u';
        out[at++] = HEX[c >> 12 & 0xf];
        out[at++] = HEX[c >> 8 & 0xf];
        out[at++] = HEX[c >> 4 & 0xf];
        out[at++] = HEX[c & 0xf];
        return at;
    }

    private void longValue(long value) {
        if (value == Long.MIN_VALUE) {
            ascii(Long.toString(value));
            return;
        }
        ensure(20);
        if (value < 0) {
            bytes[size++] = '-';
            value = -value;
        }
        int end = size + digitCount(value);
        int at = end;
        while (value >= Integer.MAX_VALUE) {
            long rest = value / 10;
            bytes[--at] = (byte) ('0' + (value - rest * 10));
            value = rest;
        }
        int small = (int) value;
        do {
            int rest = small / 10;
            bytes[--at] = (byte) ('0' + (small - rest * 10));
            small = rest;
        } while (small != 0);
        size = end;
    }

    private static int digitCount(long positive) {
        int digits = 1;
        for (long limit = 10; digits < 19 && positive >= limit; limit *= 10) {
            digits++;
        }
        return digits;
    }

    /**
     * yyyy-MM-ddTHH:mm:ss[.SSS]Z for years 0000 to 9999. A record's timestamps, and the records of a batch, mostly
     * fall in the same second, so the last second's text is kept and only the milliseconds change.
     */
    private void utcTimestamp(long epochMillis) {
        long epochSecond = epochMillis / 1000;
        int millis = (int) (epochMillis % 1000);
        if (epochSecond != lastSecondRendered) {
            renderSecond(epochSecond);
        }
        ensure(lastSecond.length + 5);
        System.arraycopy(lastSecond, 0, bytes, size, lastSecond.length);
        size += lastSecond.length;
        if (millis != 0) {
            put('.');
            digits(millis, 3);
        }
        put('Z');
    }

    /** By the civil-from-days algorithm of H. Hinnant, as java.time does it. */
    private void renderSecond(long epochSecond) {
        long days = epochSecond / 86_400;
        int secondOfDay = (int) (epochSecond % 86_400);
        long shifted = days + 719_468;
        long era = shifted / 146_097;
        long dayOfEra = shifted - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthIndex + 2) / 5 + 1);
        int month = (int) (monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));

        byte[] text = lastSecond;
        fixedDigits(text, 0, year, 4);
        text[4] = '-';
        fixedDigits(text, 5, month, 2);
        text[7] = '-';
        fixedDigits(text, 8, day, 2);
        text[10] = 'T';
        fixedDigits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        fixedDigits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        fixedDigits(text, 17, secondOfDay % 60, 2);
        lastSecondRendered = epochSecond;
    }

    private static void fixedDigits(byte[] out, int from, int value, int width) {
        for (int at = from + width - 1; at >= from; at--) {
            out[at] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private void digits(int value, int width) {
        fixedDigits(bytes, size, value, width);
        size += width;
    }

    private void ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
    }

    private void put(char c) {
        ensure(1);
        bytes[size++] = (byte) c;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
