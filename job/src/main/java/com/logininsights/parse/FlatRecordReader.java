package com.logininsights.parse;

import com.logininsights.model.LoginEvent;
import com.logininsights.model.LoginField;
import com.logininsights.model.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the records upstream really sends, fast: one flat JSON object whose values are strings without escapes,
 * whole numbers or {@code null}, every field at most once, the required ones present and sound. Anything else, a
 * nested value, an escape, a fraction, a fault of any kind, makes it decline ({@code null}), and the full parser
 * reads the record from the start with the same rules and gives the reason. So it never rejects and never decides
 * differently: a property-based test holds it to the full parser's outcome on generated records.
 *
 * <p>It exists for speed: it reads the bytes once, with no tokenizer, and makes only the strings the event keeps.
 */
final class FlatRecordReader {
    private static final LoginField[] FIELDS = LoginField.values();
    private static final byte[][] NAMES = Arrays.stream(FIELDS)
            .map(field -> field.jsonName().getBytes(StandardCharsets.US_ASCII))
            .toArray(byte[][]::new);
    /** One bit per field, by its ordinal: the required ones. */
    private static final int REQUIRED =
            LoginField.REQUIRED.stream().mapToInt(field -> 1 << field.ordinal()).reduce(0, (a, b) -> a | b);

    private static final int UNKNOWN = -1;
    /** A longer run of digits may not fit a long: the full parser reads it as a decimal. */
    private static final int MAX_DIGITS = 18;
    /** Jackson refuses field names past 50,000 characters; names past this are left to it. */
    private static final int MAX_NAME_BYTES = 1_000;

    private final byte[] in;
    private int at;
    private final String[] texts = new String[LoginField.TEXTS.size()];
    private long eventTimeMillis;
    private int seen;

    private FlatRecordReader(byte[] in) {
        this.in = in;
    }

    /** The event, or null for the full parser to decide. {@code in} is valid UTF-8. */
    static LoginEvent read(byte[] in, SourcePosition source, long latestAcceptedMillis) {
        FlatRecordReader reader = new FlatRecordReader(in);
        if (!reader.readObject()
                || (reader.seen & REQUIRED) != REQUIRED
                || !reader.hasRequiredTexts()
                || reader.eventTimeMillis > latestAcceptedMillis) {
            return null;
        }
        return new LoginEvent(reader.texts, reader.eventTimeMillis, source);
    }

    /** A required text given as null or blank is missing: the full parser says so. */
    private boolean hasRequiredTexts() {
        for (LoginField field : LoginField.REQUIRED) {
            if (field.isText() && texts[field.textIndex()] == null) {
                return false;
            }
        }
        return true;
    }

    private boolean readObject() {
        skipWhiteSpace();
        if (!take('{')) {
            return false;
        }
        skipWhiteSpace();
        if (!take('}')) {
            do {
                skipWhiteSpace();
                if (!readMember()) {
                    return false;
                }
                skipWhiteSpace();
            } while (take(','));
            if (!take('}')) {
                return false;
            }
        }
        skipWhiteSpace();
        return at == in.length;
    }

    private boolean readMember() {
        int name = readName();
        if (name == Integer.MIN_VALUE) {
            return false;
        }
        skipWhiteSpace();
        if (!take(':')) {
            return false;
        }
        skipWhiteSpace();
        if (name != UNKNOWN) {
            if ((seen & 1 << name) != 0) {
                return false; // given twice: the full parser names it
            }
            seen |= 1 << name;
        }
        if (at >= in.length) {
            return false;
        }
        byte first = in[at];
        if (first == '"') {
            int start = at + 1;
            int end = endOfPlainString(start);
            if (end < 0) {
                return false;
            }
            at = end + 1;
            return name == UNKNOWN || keepText(name, start, end);
        }
        if (first == 'n') {
            if (!takeWord("null")) {
                return false;
            }
            return name == UNKNOWN || FIELDS[name].isText(); // a null timestamp is missing: the full parser says so
        }
        if (first == '-' || first >= '0' && first <= '9') {
            int start = at;
            if (!skipWholeNumber()) {
                return false;
            }
            return name == UNKNOWN || !FIELDS[name].isText() && keepTimestamp(start, at);
        }
        return false;
    }

    /** The index of a known field, {@link #UNKNOWN}, or {@code Integer.MIN_VALUE} to decline. */
    private int readName() {
        if (!take('"')) {
            return Integer.MIN_VALUE;
        }
        int start = at;
        int end = endOfPlainString(start);
        if (end < 0 || end - start > MAX_NAME_BYTES) {
            return Integer.MIN_VALUE;
        }
        at = end + 1;
        for (int field = 0; field < NAMES.length; field++) {
            if (equals(NAMES[field], start, end)) {
                return field;
            }
        }
        return UNKNOWN;
    }

    /** The closing quote of a string starting at {@code from}, or -1 if it has an escape or a raw control. */
    private int endOfPlainString(int from) {
        for (int i = from; i < in.length; i++) {
            byte b = in[i];
            if (b == '"') {
                return i;
            }
            if (b == '\\' || b >= 0 && b < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    /** As the full parser does: trimmed, blank as absent, then in the field's one form. */
    private boolean keepText(int name, int start, int end) {
        LoginField field = FIELDS[name];
        String text = new String(in, start, end - start, StandardCharsets.UTF_8);
        if (!field.isText()) {
            try {
                eventTimeMillis = EpochTimestamps.fromText(text);
                return true;
            } catch (Rejection rejection) {
                return false;
            }
        }
        String trimmed = text.trim();
        if (!trimmed.isEmpty()) {
            texts[field.textIndex()] = field.normalise(trimmed);
        }
        return true; // blank is absent, as if null
    }

    private boolean keepTimestamp(int start, int end) {
        int digitsFrom = in[start] == '-' ? start + 1 : start;
        if (end - digitsFrom > MAX_DIGITS || in[start] == '-') {
            return false; // too long for a long, or negative: the full parser reads it and says why
        }
        long value = 0;
        for (int i = digitsFrom; i < end; i++) {
            value = value * 10 + (in[i] - '0');
        }
        try {
            eventTimeMillis = EpochTimestamps.fromLong(value);
            return true;
        } catch (Rejection rejection) {
            return false;
        }
    }

    /** A JSON integer: an optional minus, then 0 or digits not starting with 0; a fraction or exponent declines. */
    private boolean skipWholeNumber() {
        take('-');
        int digitsFrom = at;
        while (at < in.length && in[at] >= '0' && in[at] <= '9') {
            at++;
        }
        if (at == digitsFrom || in[digitsFrom] == '0' && at - digitsFrom > 1) {
            return false;
        }
        return at >= in.length || in[at] != '.' && in[at] != 'e' && in[at] != 'E';
    }

    private boolean takeWord(String word) {
        if (at + word.length() > in.length) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (in[at + i] != word.charAt(i)) {
                return false;
            }
        }
        at += word.length();
        return at >= in.length || !Character.isLetterOrDigit(in[at]);
    }

    private boolean take(char c) {
        if (at < in.length && in[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    private void skipWhiteSpace() {
        while (at < in.length) {
            byte b = in[at];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            at++;
        }
    }

    private boolean equals(byte[] name, int start, int end) {
        if (end - start != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (in[start + i] != name[i]) {
                return false;
            }
        }
        return true;
    }
}
