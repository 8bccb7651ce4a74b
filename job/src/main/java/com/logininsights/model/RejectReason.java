package com.logininsights.model;

/** Why a record went to the dead-letter topic. {@link #code()} is the machine-readable form in its JSON. */
public enum RejectReason {
    EMPTY("empty"),
    TOO_LARGE("too_large"),
    NOT_UTF8("not_utf8"),
    NOT_JSON("not_json"),
    NOT_OBJECT("not_object"),
    DUPLICATE_FIELD("duplicate_field"),
    MISSING_USER_ID("missing_user_id"),
    MISSING_TIMESTAMP("missing_timestamp"),
    WRONG_TYPE("wrong_type"),
    BAD_TIMESTAMP("bad_timestamp"),
    TIMESTAMP_IN_FUTURE("timestamp_in_future");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
