package com.logininsights.signals;

import java.util.HashMap;
import java.util.Map;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * The lowest app version still supported, and whether a version is below it, compared as versions: {@code 2.10.0} is
 * above {@code 2.9}, {@code 2.3} equals {@code 2.3.0}, {@code 2.3.0-beta} is below {@code 2.3.0} (Maven's
 * ComparableVersion, which reads any text without failing). A value that does not start with a digit ({@code banana},
 * {@code v2}) is not a version we can place, so it is never below.
 *
 * <p>A login stream has a handful of app versions, so each one's answer is kept; at most {@link #REMEMBERED} of them,
 * so that a flood of invented versions costs nothing lasting.
 */
final class VersionFloor {
    static final int REMEMBERED = 1024;

    private final ComparableVersion minimum;
    private final Map<String, Boolean> below = new HashMap<>();

    VersionFloor(String minimum) {
        this.minimum = new ComparableVersion(minimum);
    }

    boolean isBelow(String version) {
        Boolean known = below.get(version);
        if (known == null) {
            if (below.size() >= REMEMBERED) {
                below.clear();
            }
            known = !version.isEmpty()
                    && Character.isDigit(version.charAt(0))
                    && new ComparableVersion(version).compareTo(minimum) < 0;
            below.put(version, known);
        }
        return known;
    }
}
