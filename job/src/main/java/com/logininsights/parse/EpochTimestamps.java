package com.logininsights.parse;

import com.logininsights.model.RejectReason;
import java.math.BigDecimal;

/**
 * Turns the upstream {@code timestamp} (epoch seconds, as a number or a numeric string) into epoch milliseconds.
 *
 * <p>Milliseconds are recognised by size: a value of {@value #MILLIS_THRESHOLD} or more is read as milliseconds.
 * As seconds that would be the year 5138; as milliseconds it is March 1973, so every plausible event time of
 * either unit falls on the right side of the line. Fractions of a second are kept to the millisecond.
 */
final class EpochTimestamps {
    static final long MILLIS_THRESHOLD = 100_000_000_000L;
    private static final BigDecimal MILLIS_THRESHOLD_DECIMAL = BigDecimal.valueOf(MILLIS_THRESHOLD);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal LARGEST = BigDecimal.valueOf(Long.MAX_VALUE);

    private EpochTimestamps() {}

    static long fromLong(long value) throws Rejection {
        if (value <= 0) {
            throw bad("must be a positive number of epoch seconds, got " + value);
        }
        if (value >= MILLIS_THRESHOLD) {
            return value;
        }
        return value * 1000;
    }

    static long fromDecimal(BigDecimal value) throws Rejection {
        if (value.signum() <= 0) {
            throw bad("must be a positive number of epoch seconds, got " + value.toPlainString());
        }
        BigDecimal millis = value.compareTo(MILLIS_THRESHOLD_DECIMAL) >= 0 ? value : value.multiply(THOUSAND);
        if (millis.compareTo(LARGEST) > 0) {
            throw bad("is out of range: " + value.toPlainString());
        }
        return millis.longValue();
    }

    static long fromText(String text) throws Rejection {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw bad("is an empty string");
        }
        if (isShortDigitRun(trimmed)) {
            return fromLong(Long.parseLong(trimmed));
        }
        BigDecimal value;
        try {
            value = new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            throw bad("is not a number: \"" + abbreviate(trimmed) + "\"");
        }
        return fromDecimal(value);
    }

    private static boolean isShortDigitRun(String text) {
        if (text.length() > 18) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static Rejection bad(String problem) {
        return new Rejection(RejectReason.BAD_TIMESTAMP, "timestamp", "field 'timestamp' " + problem);
    }
}
