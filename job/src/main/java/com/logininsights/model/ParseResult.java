package com.logininsights.model;

/** What parsing one Kafka record gave: exactly one of a login event or a dead letter. */
public record ParseResult(LoginEvent event, DeadLetter deadLetter) {

    public static ParseResult accepted(LoginEvent event) {
        return new ParseResult(event, null);
    }

    public static ParseResult rejected(DeadLetter deadLetter) {
        return new ParseResult(null, deadLetter);
    }

    public boolean isAccepted() {
        return event != null;
    }
}
