package com.logininsights.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A validated, normalised login: the text fields of {@link LoginField}, its event time and where it was read.
 * Optional fields that were absent, null or blank are null here.
 */
@TypeInfo(LoginEventSerializer.TypeInfo.class)
public final class LoginEvent {
    /** The value the insights use for an optional field that is missing. */
    public static final String UNKNOWN = "unknown";

    private final String[] texts;
    private final long eventTimeMillis;
    private final SourcePosition source;

    /**
     * @param texts the normalised value of each text field, at its {@link LoginField#textIndex()}; null where absent.
     *     The event keeps the array: the caller must not change it afterwards.
     */
    public LoginEvent(String[] texts, long eventTimeMillis, SourcePosition source) {
        if (texts.length != LoginField.TEXTS.size()) {
            throw new IllegalArgumentException(
                    "a login has " + LoginField.TEXTS.size() + " text fields, not " + texts.length);
        }
        this.texts = texts;
        this.eventTimeMillis = eventTimeMillis;
        this.source = source;
    }

    /** The value of a text field; null when it was absent. */
    public String text(LoginField field) {
        return texts[field.textIndex()];
    }

    /** The user, which every login has: the key of its enriched event and of its spread bucket. */
    public String userId() {
        return text(LoginField.USER_ID);
    }

    public long eventTimeMillis() {
        return eventTimeMillis;
    }

    public SourcePosition source() {
        return source;
    }

    /** The absent fields that count as missing, by JSON name, in the order of {@link LoginField}. */
    public List<String> missingFields() {
        List<String> missing = new ArrayList<>(0);
        for (LoginField field : LoginField.TEXTS) {
            if (field.countsAsMissing() && text(field) == null) {
                missing.add(field.jsonName());
            }
        }
        return missing;
    }

    public boolean hasMissingFields() {
        for (LoginField field : LoginField.TEXTS) {
            if (field.countsAsMissing() && text(field) == null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LoginEvent that
                && eventTimeMillis == that.eventTimeMillis
                && Arrays.equals(texts, that.texts)
                && Objects.equals(source, that.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(texts), eventTimeMillis, source);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("LoginEvent[");
        for (LoginField field : LoginField.TEXTS) {
            text.append(field.jsonName()).append('=').append(text(field)).append(", ");
        }
        return text.append("eventTimeMillis=")
                .append(eventTimeMillis)
                .append(", source=")
                .append(source)
                .append(']')
                .toString();
    }
}
