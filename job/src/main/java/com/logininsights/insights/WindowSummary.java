package com.logininsights.insights;

import java.util.List;
import java.util.Map;

/**
 * The one-line picture of a window.
 *
 * @param deviceShare the share of logins per device type, each rounded to four decimals
 * @param topLocales the five locales with the most logins, most first; ties by name
 * @param revision 0 for the window's first result; one more for each update from a late event
 */
public record WindowSummary(
        long windowStartMillis,
        long windowEndMillis,
        int revision,
        long logins,
        long distinctUsers,
        Map<String, Double> deviceShare,
        List<LocaleCount> topLocales,
        long recordsWithMissingFields) {}
