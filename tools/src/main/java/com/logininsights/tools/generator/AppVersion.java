package com.logininsights.tools.generator;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A dotted app version ({@code 2.3.0}), ordered as versions are, part by part as numbers: {@code 2.10.0} is newer
 * than {@code 2.9.1}, and a missing part counts as 0 ({@code 2.3} equals {@code 2.3.0}).
 */
public final class AppVersion implements Comparable<AppVersion> {
    private static final Pattern DOTTED = Pattern.compile("\\d{1,9}(\\.\\d{1,9})*");

    private final String text;
    private final int[] parts;

    private AppVersion(String text, int[] parts) {
        this.text = text;
        this.parts = parts;
    }

    public static AppVersion parse(String text) {
        if (!DOTTED.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a dotted version like 2.3.0");
        }
        return new AppVersion(
                text,
                Arrays.stream(text.split("\\.")).mapToInt(Integer::parseInt).toArray());
    }

    int major() {
        return parts[0];
    }

    @Override
    public int compareTo(AppVersion other) {
        for (int i = 0; i < Math.max(parts.length, other.parts.length); i++) {
            int difference = Integer.compare(part(i), other.part(i));
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }

    boolean isOlderThan(AppVersion other) {
        return compareTo(other) < 0;
    }

    private int part(int index) {
        return index < parts.length ? parts[index] : 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AppVersion version && compareTo(version) == 0;
    }

    @Override
    public int hashCode() {
        int length = parts.length;
        while (length > 1 && parts[length - 1] == 0) {
            length--;
        }
        return Arrays.hashCode(Arrays.copyOf(parts, length));
    }

    @Override
    public String toString() {
        return text;
    }
}
