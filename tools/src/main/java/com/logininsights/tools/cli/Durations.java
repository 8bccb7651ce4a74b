package com.logininsights.tools.cli;

import java.time.Duration;

/** Durations the way people type them: {@code 500ms}, {@code 10s}, {@code 1m}, {@code 2h}, or a bare {@code 0}. */
public final class Durations {
    private Durations() {}

    public static Duration parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        int unitStart = 0;
        while (unitStart < trimmed.length() && Character.isDigit(trimmed.charAt(unitStart))) {
            unitStart++;
        }
        if (unitStart == 0 || unitStart == trimmed.length() || unitStart > 12) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write it like 500ms, 10s or 1m");
        }
        long amount = Long.parseLong(trimmed.substring(0, unitStart));
        return switch (trimmed.substring(unitStart)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("'" + text + "' has an unknown unit; use ms, s, m or h");
        };
    }

    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) return "0";
        if (millis % 3_600_000 == 0) return millis / 3_600_000 + "h";
        if (millis % 60_000 == 0) return millis / 60_000 + "m";
        if (millis % 1000 == 0) return millis / 1000 + "s";
        return millis + "ms";
    }
}
