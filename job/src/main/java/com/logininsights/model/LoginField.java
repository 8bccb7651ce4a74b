package com.logininsights.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a {@code user-login} record, declared once: each one's JSON name, what its value is and how it is
 * normalised, and what its absence means. Both readers (the fast flat reader and the full parser), the event's
 * serializer, the enriched JSON and the test generators read this list, so a field added here is read, carried and
 * written everywhere. Fields not named here are ignored.
 *
 * <p>A text value is trimmed, and blank counts as absent; {@link #normalise} then brings it to one form. An absent
 * required field makes the record a dead letter, with the reason given here; an absent optional one is null in the
 * event, and named in its {@code missing_fields} if it {@link Absence#COUNTS_AS_MISSING counts as missing}.
 */
public enum LoginField {
    USER_ID("user_id", Value.TEXT, RejectReason.MISSING_USER_ID),
    APP_VERSION("app_version", Value.TEXT, Absence.COUNTS_AS_MISSING),
    DEVICE_TYPE("device_type", Value.LOWER_CASE_TEXT, Absence.COUNTS_AS_MISSING),
    IP("ip", Value.TEXT, Absence.COUNTS_AS_MISSING),
    LOCALE("locale", Value.UPPER_CASE_TEXT, Absence.COUNTS_AS_MISSING),
    DEVICE_ID("device_id", Value.TEXT, Absence.COUNTS_AS_MISSING),
    /** The event time, in epoch seconds: a number or a numeric string (see {@code parse.EpochTimestamps}). */
    TIMESTAMP("timestamp", Value.EPOCH_SECONDS, RejectReason.MISSING_TIMESTAMP);

    /** What a field's value is, and the one form it is brought to. */
    public enum Value {
        TEXT,
        /** Text, lower-cased: {@code iOS} is {@code ios}. */
        LOWER_CASE_TEXT,
        /** Text, upper-cased: {@code ru} is {@code RU}. */
        UPPER_CASE_TEXT,
        EPOCH_SECONDS
    }

    /** What an optional field's absence means. */
    public enum Absence {
        /** Named in the event's {@code missing_fields} and counted in a window's records with missing fields. */
        COUNTS_AS_MISSING,
        /** Nothing: a field that upstream sends only sometimes, by design. */
        UNREMARKED
    }

    /** The text fields, in this order: an event keeps their values by {@link #textIndex()}. */
    public static final List<LoginField> TEXTS;

    /**
     * The fields {@code --pseudonymise} replaces by a keyed hash in the enriched topic: they identify a person's
     * network and device. {@code user_id} stays, since it keys the enriched topic and the distinct-user counts.
     */
    public static final Set<LoginField> PSEUDONYMISED = Collections.unmodifiableSet(EnumSet.of(IP, DEVICE_ID));

    /** The required fields, in the order a record is checked for them. */
    public static final List<LoginField> REQUIRED;

    private static final Map<String, LoginField> BY_JSON_NAME = new HashMap<>();

    static {
        List<LoginField> texts = new ArrayList<>();
        List<LoginField> required = new ArrayList<>();
        for (LoginField field : values()) {
            if (field.isText()) {
                field.textIndex = texts.size();
                texts.add(field);
            }
            if (field.isRequired()) {
                required.add(field);
            }
            BY_JSON_NAME.put(field.jsonName, field);
        }
        TEXTS = List.copyOf(texts);
        REQUIRED = List.copyOf(required);
        if (values().length > Integer.SIZE) {
            throw new IllegalStateException("the readers keep one bit per field in an int");
        }
    }

    private final String jsonName;
    private final Value value;
    private final RejectReason missingReason;
    private final Absence absence;
    private int textIndex = -1;

    /** A required field, and the reason a record without it is rejected. */
    LoginField(String jsonName, Value value, RejectReason missingReason) {
        this.jsonName = jsonName;
        this.value = value;
        this.missingReason = missingReason;
        this.absence = null;
    }

    /** An optional field. */
    LoginField(String jsonName, Value value, Absence absence) {
        this.jsonName = jsonName;
        this.value = value;
        this.missingReason = null;
        this.absence = absence;
    }

    /** The field of this JSON name, or null for a name the record type does not know. */
    public static LoginField byJsonName(String name) {
        return BY_JSON_NAME.get(name);
    }

    public String jsonName() {
        return jsonName;
    }

    public Value value() {
        return value;
    }

    public boolean isText() {
        return value != Value.EPOCH_SECONDS;
    }

    public boolean isRequired() {
        return missingReason != null;
    }

    /** Why a record without this required field is rejected. */
    public RejectReason missingReason() {
        return missingReason;
    }

    /** An optional field that the event names in {@code missing_fields} when it is absent. */
    public boolean countsAsMissing() {
        return absence == Absence.COUNTS_AS_MISSING;
    }

    /** Where an event keeps this text field's value; -1 for the timestamp, which it keeps as its event time. */
    public int textIndex() {
        return textIndex;
    }

    /** A text value, already trimmed and not blank, in its one form. */
    public String normalise(String text) {
        return switch (value) {
            case LOWER_CASE_TEXT -> text.toLowerCase(Locale.ROOT);
            case UPPER_CASE_TEXT -> text.toUpperCase(Locale.ROOT);
            case TEXT, EPOCH_SECONDS -> text;
        };
    }
}
