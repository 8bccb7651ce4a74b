package com.logininsights.parse;

import com.logininsights.model.RejectReason;

/**
 * Thrown inside the parser to abandon a record at its first fault. No stack trace: a malformed record is an
 * expected outcome, not a bug, and bad records can be a few percent of the stream.
 */
final class Rejection extends Exception {
    private final RejectReason reason;
    private final String field;

    Rejection(RejectReason reason, String field, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.field = field;
    }

    RejectReason reason() {
        return reason;
    }

    String field() {
        return field;
    }
}
