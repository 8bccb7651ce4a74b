package com.logininsights.tools.generator;

import java.util.Arrays;
import java.util.List;

/**
 * What a generated record is. Each malformation is named after the dead-letter reason the job gives it, so a run's
 * summary can be compared with the job's dead-letter counts reason by reason.
 */
public enum RecordKind {
    VALID(null),
    /** Valid, but one optional field (most often {@code device_type}) is absent or null, as upstream. */
    VALID_MISSING_FIELD(null),
    /** Valid, and part of an injected incident (see {@link IncidentKind}): the job should raise an alert for it. */
    INCIDENT(null),
    EMPTY("empty"),
    NOT_UTF8("not_utf8"),
    NOT_JSON("not_json"),
    NOT_OBJECT("not_object"),
    DUPLICATE_FIELD("duplicate_field"),
    MISSING_USER_ID("missing_user_id"),
    MISSING_TIMESTAMP("missing_timestamp"),
    WRONG_TYPE("wrong_type"),
    BAD_TIMESTAMP("bad_timestamp"),
    FUTURE_TIMESTAMP("timestamp_in_future"),
    TOO_LARGE("too_large");

    private static final List<RecordKind> MALFORMATIONS =
            Arrays.stream(values()).filter(RecordKind::isMalformed).toList();

    private final String deadLetterReason;

    RecordKind(String deadLetterReason) {
        this.deadLetterReason = deadLetterReason;
    }

    /** The reason code the job writes on this record's dead letter; null for the kinds the job accepts. */
    public String deadLetterReason() {
        return deadLetterReason;
    }

    public boolean isMalformed() {
        return deadLetterReason != null;
    }

    public static List<RecordKind> malformations() {
        return MALFORMATIONS;
    }
}
