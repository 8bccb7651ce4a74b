package com.logininsights.insights;

/**
 * Logins and distinct users for one value of one dimension in one window.
 *
 * @param userShare the value's distinct users over the window's, to four decimals: for app_version, its adoption. A
 *     user seen with two values counts in both, so the shares of a dimension can add up to more than 1
 */
public record DimensionInsight(
        long windowStartMillis,
        long windowEndMillis,
        int revision,
        Dimension dimension,
        String value,
        long logins,
        long distinctUsers,
        double userShare) {}
