package com.logininsights.common;

import java.time.Duration;

/**
 * Durations the way people type them, one rule for the job's flags and every tool's: {@code 500ms}, {@code 10s},
 * {@code 1m} (or {@code 1min}), {@code 2h}, and a bare {@code 0}. Written back in the largest whole unit, so that
 * what a program prints can be typed again: {@code 90s}, {@code 2m}, {@code 1500ms}, {@code 0s}.
 */
public final class Durations {
    /** A longer run of digits does not fit a long once multiplied out. */
    private static final int MAX_DIGITS = 12;

    private Durations() {}

    /** @throws IllegalArgumentException with a message that says how to write it */
    public static Duration parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        int unitStart = 0;
        while (unitStart < trimmed.length() && Character.isDigit(trimmed.charAt(unitStart))) {
            unitStart++;
        }
        if (unitStart == 0 || unitStart == trimmed.length() || unitStart > MAX_DIGITS) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write it like 500ms, 10s or 1m");
        }
        long amount = Long.parseLong(trimmed.substring(0, unitStart));
        return switch (trimmed.substring(unitStart)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("'" + text + "' has an unknown unit; use ms, s, m or h");
        };
    }

    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) return "0s";
        if (millis % 3_600_000 == 0) return millis / 3_600_000 + "h";
        if (millis % 60_000 == 0) return millis / 60_000 + "m";
        if (millis % 1000 == 0) return millis / 1000 + "s";
        return millis + "ms";
    }
}
