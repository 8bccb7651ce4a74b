package com.logininsights.tools.generator;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Field values shaped like the upstream producer's: the vocabulary, and how often each word is used. An instance may
 * leave out the locales the job watches and the app versions it calls outdated, so that a background made of it never
 * raises those alerts; {@link #ALL} leaves out nothing.
 */
final class UpstreamValues {
    /** Most users are on the current release, as in every published sample. */
    private static final WeightedChoice<String> APP_VERSIONS = new WeightedChoice<String>()
            .add("2.3.0", 60)
            .add("2.2.1", 18)
            .add("2.4.0", 12)
            .add("2.1.9", 6)
            .add("3.0.0", 4);

    /** Upstream's spelling, mixed case included. */
    private static final WeightedChoice<String> DEVICE_TYPES =
            new WeightedChoice<String>().add("android", 55).add("iOS", 45);

    /** Weighted roughly by population (millions), so that a "top locales" insight has a clear top. */
    private static final WeightedChoice<String> US_STATES = new WeightedChoice<String>()
            .add("CA", 39)
            .add("TX", 30)
            .add("FL", 22)
            .add("NY", 20)
            .add("PA", 13)
            .add("IL", 13)
            .add("OH", 12)
            .add("GA", 11)
            .add("NC", 11)
            .add("MI", 10)
            .add("NJ", 9)
            .add("VA", 9)
            .add("WA", 8)
            .add("AZ", 7)
            .add("TN", 7)
            .add("MA", 7)
            .add("IN", 7)
            .add("MD", 6)
            .add("MO", 6)
            .add("WI", 6)
            .add("CO", 6)
            .add("MN", 6)
            .add("SC", 5)
            .add("AL", 5)
            .add("LA", 5)
            .add("KY", 5)
            .add("OR", 4)
            .add("OK", 4)
            .add("CT", 4)
            .add("UT", 3)
            .add("IA", 3)
            .add("NV", 3)
            .add("AR", 3)
            .add("MS", 3)
            .add("KS", 3)
            .add("NM", 2)
            .add("NE", 2)
            .add("ID", 2)
            .add("WV", 2)
            .add("HI", 1)
            .add("NH", 1)
            .add("ME", 1)
            .add("MT", 1)
            .add("RI", 1)
            .add("DE", 1)
            .add("SD", 1)
            .add("ND", 1)
            .add("AK", 1)
            .add("DC", 1)
            .add("VT", 1)
            .add("WY", 1);

    /** Country codes that are not also US state codes, so a reader can tell which one was meant. */
    private static final String[] COUNTRIES = {"RU", "GB", "FR", "JP", "MX", "BR", "CN", "UA", "PL", "NG", "ES", "SE"};

    private static final double COUNTRY_SHARE = 0.08;
    private static final double UUID_DEVICE_ID_SHARE = 0.7;

    static final UpstreamValues ALL = new UpstreamValues(Set.of(), Optional.empty());

    private final WeightedChoice<String> appVersions;
    private final WeightedChoice<String> states;
    private final List<String> countries;

    /**
     * @param leftOutLocales locales never drawn
     * @param oldestVersion versions older than this are never drawn
     * @throws IllegalArgumentException when that leaves no locale or no version to draw
     */
    UpstreamValues(Set<String> leftOutLocales, Optional<AppVersion> oldestVersion) {
        appVersions = APP_VERSIONS.only(version -> oldestVersion
                .map(oldest -> !AppVersion.parse(version).isOlderThan(oldest))
                .orElse(true));
        states = US_STATES.only(state -> !leftOutLocales.contains(state));
        countries = Arrays.stream(COUNTRIES)
                .filter(country -> !leftOutLocales.contains(country))
                .toList();
        if (appVersions.isEmpty()) {
            throw new IllegalArgumentException("every app version the background runs (" + APP_VERSIONS.values()
                    + ") is older than " + oldestVersion.orElseThrow() + ", which leaves it none");
        }
        if (states.isEmpty()) {
            throw new IllegalArgumentException("every US state is watched, which leaves the background no locale");
        }
    }

    String appVersion(RandomGenerator random) {
        return appVersions.pick(random);
    }

    /** Mostly US states weighted by population, a few other countries. */
    String locale(RandomGenerator random) {
        if (random.nextDouble() < COUNTRY_SHARE && !countries.isEmpty()) {
            return countries.get(random.nextInt(countries.size()));
        }
        return states.pick(random);
    }

    static String deviceType(RandomGenerator random) {
        return DEVICE_TYPES.pick(random);
    }

    /** Upstream device ids are UUIDs or look like US social security numbers. */
    static String deviceId(RandomGenerator random) {
        if (random.nextDouble() < UUID_DEVICE_ID_SHARE) {
            return uuid(random);
        }
        return new StringBuilder(11)
                .append(padded(random.nextInt(1000), 3))
                .append('-')
                .append(padded(random.nextInt(100), 2))
                .append('-')
                .append(padded(random.nextInt(10_000), 4))
                .toString();
    }

    /** Zero-padded, without String.format: every login of a large user pool makes its user's device id anew. */
    private static String padded(int number, int width) {
        String digits = Integer.toString(number);
        return "0".repeat(width - digits.length()) + digits;
    }

    static String ipv4(RandomGenerator random) {
        return (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                + (1 + random.nextInt(254));
    }

    /** A random (version 4) UUID drawn from the given generator, so that a seed fixes it. */
    static String uuid(RandomGenerator random) {
        long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L;
        long leastSignificant = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}
