package com.logininsights.insights;

/** Logins and distinct users for one value of one dimension in one window. */
public record DimensionInsight(
        long windowStartMillis,
        long windowEndMillis,
        int revision,
        Dimension dimension,
        String value,
        long logins,
        long distinctUsers) {}
