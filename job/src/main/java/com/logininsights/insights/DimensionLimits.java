package com.logininsights.insights;

import java.io.Serializable;
import java.util.Map;

/**
 * How much of a dimension one window counts value by value, so that a flood of absurd values (a million unique
 * locales, a locale of 40,000 characters) cannot grow a window's state without bound. A value longer than
 * {@link #MAX_VALUE_LENGTH} characters, and every new value once {@code maxValues} are counted, is counted as
 * {@link #OTHER}: the totals stay exact, only the breakdown is capped.
 */
public record DimensionLimits(int maxValues, int maxValueLength) implements Serializable {
    public static final int MAX_VALUE_LENGTH = 64;
    public static final String OTHER = "other";

    /** No cap: for copies of a tally that was capped already. */
    static final DimensionLimits NONE = new DimensionLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);

    /** What a window counts: {@code maxValues} values per dimension, of {@value #MAX_VALUE_LENGTH} characters. */
    public static DimensionLimits perWindow(int maxValues) {
        return new DimensionLimits(maxValues, MAX_VALUE_LENGTH);
    }

    /** The value to count {@code value} under, given the values already counted (first come, first counted). */
    String countAs(String value, Map<String, ?> counted) {
        if (value.length() > maxValueLength) {
            return OTHER;
        }
        int countedOnTheirOwn = counted.size() - (counted.containsKey(OTHER) ? 1 : 0);
        if (countedOnTheirOwn >= maxValues && !counted.containsKey(value)) {
            return OTHER;
        }
        return value;
    }
}
