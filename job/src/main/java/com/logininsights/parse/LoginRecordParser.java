package com.logininsights.parse;

import static com.logininsights.model.RejectReason.DUPLICATE_FIELD;
import static com.logininsights.model.RejectReason.EMPTY;
import static com.logininsights.model.RejectReason.NOT_JSON;
import static com.logininsights.model.RejectReason.NOT_OBJECT;
import static com.logininsights.model.RejectReason.NOT_UTF8;
import static com.logininsights.model.RejectReason.TIMESTAMP_IN_FUTURE;
import static com.logininsights.model.RejectReason.TOO_LARGE;
import static com.logininsights.model.RejectReason.WRONG_TYPE;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.logininsights.model.DeadLetter;
import com.logininsights.model.LoginEvent;
import com.logininsights.model.LoginField;
import com.logininsights.model.ParseResult;
import com.logininsights.model.SourcePosition;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;

/**
 * Parses one raw {@code user-login} record into a normalised {@link LoginEvent}, or a {@link DeadLetter} that says
 * why not. It never throws: every input, however broken, has an outcome.
 *
 * <p>A record is rejected at its first fault, read left to right; a missing required field is noticed at the end.
 * Unknown fields are dropped. A known field given twice is a {@code duplicate_field}: we cannot know which value
 * the producer meant.
 */
public final class LoginRecordParser implements Serializable {
    private static final JsonFactory JSON = new JsonFactory();

    private final ParserSettings settings;
    private final WallClock clock;

    public LoginRecordParser(ParserSettings settings, WallClock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public ParseResult parse(byte[] value, byte[] key, SourcePosition source) {
        try {
            return ParseResult.accepted(read(value, source));
        } catch (Rejection rejection) {
            return ParseResult.rejected(deadLetter(rejection, value, key, source));
        }
    }

    private LoginEvent read(byte[] value, SourcePosition source) throws Rejection {
        if (value == null || value.length == 0) {
            throw new Rejection(EMPTY, null, "the record has no value");
        }
        if (value.length > settings.maxRecordBytes()) {
            throw new Rejection(
                    TOO_LARGE,
                    null,
                    "the record is " + value.length + " bytes, over the limit of " + settings.maxRecordBytes());
        }
        if (!Utf8.isValid(value)) {
            throw new Rejection(NOT_UTF8, null, "the record is not valid UTF-8");
        }
        LoginEvent plain = FlatRecordReader.read(value, source, latestAcceptedMillis());
        return plain != null ? plain : readWithJackson(value, source);
    }

    /** The full parser: every JSON the record may hold, and the reason for each fault. */
    LoginEvent readWithJackson(byte[] value, SourcePosition source) throws Rejection {
        try (JsonParser json = JSON.createParser(value)) {
            return readObject(json, source);
        } catch (JacksonException e) {
            throw new Rejection(NOT_JSON, null, "the record is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Rejection(NOT_JSON, null, "the record could not be read as JSON: " + e.getMessage());
        }
    }

    private LoginEvent readObject(JsonParser json, SourcePosition source) throws IOException, Rejection {
        JsonToken first = json.nextToken();
        if (first == null) {
            throw new Rejection(EMPTY, null, "the record holds only white space");
        }
        if (first != JsonToken.START_OBJECT) {
            json.skipChildren();
            requireEndOfInput(json);
            throw new Rejection(NOT_OBJECT, null, "the record is JSON but not an object: it starts with " + first);
        }
        LoginFields fields = new LoginFields();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            fields.read(name, json);
        }
        requireEndOfInput(json);
        return fields.toEvent(source, latestAcceptedMillis());
    }

    private long latestAcceptedMillis() {
        return clock.nowMillis() + settings.maxFutureSkewMillis();
    }

    private static void requireEndOfInput(JsonParser json) throws IOException, Rejection {
        if (json.nextToken() != null) {
            throw new Rejection(NOT_JSON, null, "the record has more content after its first JSON value");
        }
    }

    private DeadLetter deadLetter(Rejection rejection, byte[] value, byte[] key, SourcePosition source) {
        byte[] payload = value;
        if (rejection.reason() == TOO_LARGE) {
            payload = Arrays.copyOf(value, ParserSettings.TRUNCATED_PAYLOAD_BYTES);
        }
        return new DeadLetter(
                rejection.reason(),
                rejection.getMessage(),
                rejection.field(),
                payload,
                value == null ? 0 : value.length,
                key,
                source,
                clock.nowMillis());
    }

    /** The known fields of one record, as they are read. */
    private static final class LoginFields {
        private final String[] texts = new String[LoginField.TEXTS.size()];
        private Long eventTimeMillis;
        private int seen;

        void read(String name, JsonParser json) throws IOException, Rejection {
            LoginField field = LoginField.byJsonName(name);
            if (field == null) {
                json.skipChildren();
                return;
            }
            markSeen(field);
            if (field.isText()) {
                texts[field.textIndex()] = text(field, json);
            } else {
                eventTimeMillis = timestamp(field, json);
            }
        }

        private void markSeen(LoginField field) throws Rejection {
            int bit = 1 << field.ordinal();
            if ((seen & bit) != 0) {
                throw new Rejection(
                        DUPLICATE_FIELD, field.jsonName(), "field '" + field.jsonName() + "' appears more than once");
            }
            seen |= bit;
        }

        /**
         * The field's normalised text, or null when the field is null or blank. A lone surrogate, which only a JSON
         * escape such as {@code \ud800} can smuggle in, becomes U+FFFD, so that every text the job accepts is
         * well-formed Unicode and reads the same in the output's JSON, in its UTF-8 keys and in state.
         */
        private static String text(LoginField field, JsonParser json) throws IOException, Rejection {
            JsonToken token = json.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token != JsonToken.VALUE_STRING) {
                throw wrongType(field.jsonName(), "a string", token);
            }
            String trimmed = json.getText().trim();
            return trimmed.isEmpty() ? null : field.normalise(Text.wellFormed(trimmed));
        }

        private static Long timestamp(LoginField field, JsonParser json) throws IOException, Rejection {
            JsonToken token = json.currentToken();
            return switch (token) {
                case VALUE_NULL -> null;
                case VALUE_NUMBER_INT ->
                    json.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                            ? EpochTimestamps.fromDecimal(json.getDecimalValue())
                            : EpochTimestamps.fromLong(json.getLongValue());
                case VALUE_NUMBER_FLOAT -> EpochTimestamps.fromDecimal(json.getDecimalValue());
                case VALUE_STRING -> EpochTimestamps.fromText(json.getText());
                default -> throw wrongType(field.jsonName(), "a number or a numeric string", token);
            };
        }

        LoginEvent toEvent(SourcePosition source, long latestAcceptedMillis) throws Rejection {
            for (LoginField field : LoginField.REQUIRED) {
                if (field.isText() ? texts[field.textIndex()] == null : eventTimeMillis == null) {
                    throw new Rejection(
                            field.missingReason(),
                            field.jsonName(),
                            "field '" + field.jsonName() + "' is "
                                    + (field.isText() ? "missing, null or blank" : "missing or null"));
                }
            }
            if (eventTimeMillis > latestAcceptedMillis) {
                throw new Rejection(
                        TIMESTAMP_IN_FUTURE,
                        LoginField.TIMESTAMP.jsonName(),
                        "field 'timestamp' is " + Instant.ofEpochMilli(eventTimeMillis)
                                + ", later than the wall clock allows");
            }
            return new LoginEvent(texts, eventTimeMillis, source);
        }

        private static Rejection wrongType(String name, String expected, JsonToken actual) {
            return new Rejection(
                    WRONG_TYPE, name, "field '" + name + "' must be " + expected + ", got " + describe(actual));
        }

        private static String describe(JsonToken token) {
            return switch (token) {
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                default -> token.toString();
            };
        }
    }
}
