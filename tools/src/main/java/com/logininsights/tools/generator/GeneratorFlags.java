package com.logininsights.tools.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the generator's command line into a {@link GeneratorConfig}: {@code --flag value} or {@code --flag=value}. */
public final class GeneratorFlags {
    static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:29092";
    static final String DEFAULT_TOPIC = "user-login";
    static final double DEFAULT_RATE = 10;
    static final double DEFAULT_BAD_SHARE = 0.03;
    static final double DEFAULT_MISSING_SHARE = 0.04;
    static final Duration DEFAULT_JITTER = Duration.ofSeconds(2);
    static final Duration DEFAULT_REPORT_EVERY = Duration.ofSeconds(5);
    static final int DEFAULT_USERS = 10_000;

    /** Epoch seconds at or above this are milliseconds by mistake: as seconds they would be the year 5138. */
    private static final long MILLIS_AS_SECONDS = 100_000_000_000L;

    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private interface Setter {
        void apply(Builder builder, String value);
    }

    private record Flag(
            String name, String valueName, String defaultText, String help, boolean repeatable, Setter setter) {}

    private static final List<Flag> FLAGS = List.of(
            new Flag(
                    "--bootstrap-servers",
                    "HOST:PORT[,...]",
                    DEFAULT_BOOTSTRAP_SERVERS,
                    "Kafka brokers to connect to",
                    false,
                    (b, v) -> b.bootstrapServers = nonBlank(v)),
            new Flag("--topic", "NAME", DEFAULT_TOPIC, "topic to write to", false, (b, v) -> b.topic = topic(v)),
            new Flag(
                    "--rate",
                    "N|max",
                    plain(DEFAULT_RATE),
                    "records per second; max or 0: as fast as possible",
                    false,
                    (b, v) -> b.rate = rate(v)),
            new Flag(
                    "--count",
                    "N",
                    "unlimited",
                    "stop after N records",
                    false,
                    (b, v) -> b.count = OptionalLong.of(positiveLong(v))),
            new Flag(
                    "--bad-share",
                    "FRACTION",
                    plain(DEFAULT_BAD_SHARE),
                    "share of malformed records (0..1), all kinds alike",
                    false,
                    (b, v) -> b.badShare = share(v)),
            new Flag(
                    "--missing-share",
                    "FRACTION",
                    plain(DEFAULT_MISSING_SHARE),
                    "share of the rest missing an optional field",
                    false,
                    (b, v) -> b.missingShare = share(v)),
            new Flag(
                    "--jitter",
                    "DURATION",
                    Durations.format(DEFAULT_JITTER),
                    "most an event time lags its send time (out of order)",
                    false,
                    (b, v) -> b.jitter = nonNegativeDuration(v)),
            new Flag(
                    "--quiet-partition",
                    "N",
                    "none",
                    "never write to partition N (exercises idleness)",
                    false,
                    (b, v) -> b.quietPartition = OptionalInt.of(nonNegativeInt(v))),
            new Flag(
                    "--partitions",
                    "N",
                    "producer's choice",
                    "deal records round-robin over partitions 0..N-1",
                    false,
                    (b, v) -> b.partitions = OptionalInt.of(positiveInt(v))),
            new Flag(
                    "--seed",
                    "N",
                    "random",
                    "the same seed gives the same records",
                    false,
                    (b, v) -> b.seed = OptionalLong.of(anyLong(v))),
            new Flag(
                    "--start-time",
                    "EPOCH_SECONDS",
                    "now",
                    "event time of the first record",
                    false,
                    (b, v) -> b.startTime = Optional.of(epochSeconds(v))),
            new Flag(
                    "--users",
                    "N",
                    String.valueOf(DEFAULT_USERS),
                    "distinct users the records come from",
                    false,
                    (b, v) -> b.users = positiveInt(v)),
            new Flag(
                    "--producer-property",
                    "KEY=VALUE",
                    "none",
                    "Kafka producer setting; repeatable",
                    true,
                    GeneratorFlags::producerProperty),
            new Flag(
                    "--report-every",
                    "DURATION",
                    Durations.format(DEFAULT_REPORT_EVERY),
                    "how often to log progress",
                    false,
                    (b, v) -> b.reportEvery = positiveDuration(v)));

    private GeneratorFlags() {}

    public static boolean wantsHelp(String... args) {
        return List.of(args).contains("--help") || List.of(args).contains("-h");
    }

    public static String usage() {
        StringBuilder text = new StringBuilder("""
                Usage: java -jar login-insights-tools.jar [flags]
                Writes upstream-shaped JSON user-login records to Kafka, with a share of malformed ones.
                Durations: 500ms, 10s, 1m, 2h. Without --partitions, --quiet-partition spreads records over
                all of the topic's other partitions; without either, the producer picks partitions (sticky).

                """);
        for (Flag flag : FLAGS) {
            String left = "  " + flag.name() + " " + flag.valueName();
            text.append(String.format("%-38s %s (default: %s)%n", left, flag.help(), flag.defaultText()));
        }
        text.append(String.format("%-38s %s%n", "  --help", "show this help"));
        return text.toString();
    }

    public static GeneratorConfig parse(String... args) throws UsageException {
        Builder builder = new Builder();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            Flag flag = find(name);
            String value;
            if (equals > 0 && arg.startsWith("--")) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new UsageException(name + " needs a value (" + flag.valueName() + ")");
            }
            if (!seen.add(name) && !flag.repeatable()) {
                throw new UsageException(name + " is given more than once");
            }
            try {
                flag.setter().apply(builder, value);
            } catch (IllegalArgumentException e) {
                throw new UsageException(name + ": " + e.getMessage());
            }
        }
        return builder.build();
    }

    private static Flag find(String name) throws UsageException {
        for (Flag flag : FLAGS) {
            if (flag.name().equals(name)) {
                return flag;
            }
        }
        if (name.startsWith("-")) {
            throw new UsageException("unknown flag " + name);
        }
        throw new UsageException("unexpected argument '" + name + "': every value follows its flag");
    }

    private static String plain(double number) {
        return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
    }

    private static String nonBlank(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("must not be blank");
        }
        return value.trim();
    }

    private static String topic(String value) {
        if (!TOPIC_NAME.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException("'" + value + "' is not a Kafka topic name (letters, digits, . _ -)");
        }
        return value;
    }

    private static double rate(String value) {
        if (value.equalsIgnoreCase("max")) {
            return 0;
        }
        double rate = number(value, "a number of records per second, or max");
        if (rate < 0 || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("'" + value + "' is not a number of records per second, or max");
        }
        return rate;
    }

    private static double share(String value) {
        double share = number(value, "a fraction between 0 and 1");
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("'" + value + "' is not a fraction between 0 and 1");
        }
        return share;
    }

    private static double number(String value, String expected) {
        try {
            double number = Double.parseDouble(value.trim());
            if (!Double.isNaN(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with what was expected
        }
        throw new IllegalArgumentException("'" + value + "' is not " + expected);
    }

    private static long anyLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
    }

    private static long positiveLong(String value) {
        long number = anyLong(value);
        if (number < 1) {
            throw new IllegalArgumentException("'" + value + "' is not a positive whole number");
        }
        return number;
    }

    private static int positiveInt(String value) {
        long number = positiveLong(value);
        if (number > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + value + "' is too large");
        }
        return (int) number;
    }

    private static int nonNegativeInt(String value) {
        long number = anyLong(value);
        if (number < 0 || number > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + value + "' is not a partition number (0 or more)");
        }
        return (int) number;
    }

    private static Duration nonNegativeDuration(String value) {
        return Durations.parse(value);
    }

    private static Duration positiveDuration(String value) {
        Duration duration = Durations.parse(value);
        if (duration.isZero()) {
            throw new IllegalArgumentException("must be longer than 0");
        }
        return duration;
    }

    private static Instant epochSeconds(String value) {
        long seconds = positiveLong(value);
        if (seconds >= MILLIS_AS_SECONDS) {
            throw new IllegalArgumentException("'" + value + "' looks like milliseconds; give epoch seconds");
        }
        return Instant.ofEpochSecond(seconds);
    }

    private static void producerProperty(Builder builder, String value) {
        int equals = value.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("'" + value + "' is not key=value");
        }
        builder.producerProperties.put(
                value.substring(0, equals).trim(), value.substring(equals + 1).trim());
    }

    /** Collects flag values over the defaults, then checks the ones that depend on each other. */
    private static final class Builder {
        String bootstrapServers = DEFAULT_BOOTSTRAP_SERVERS;
        String topic = DEFAULT_TOPIC;
        double rate = DEFAULT_RATE;
        OptionalLong count = OptionalLong.empty();
        double badShare = DEFAULT_BAD_SHARE;
        double missingShare = DEFAULT_MISSING_SHARE;
        Duration jitter = DEFAULT_JITTER;
        OptionalInt quietPartition = OptionalInt.empty();
        OptionalInt partitions = OptionalInt.empty();
        OptionalLong seed = OptionalLong.empty();
        Optional<Instant> startTime = Optional.empty();
        int users = DEFAULT_USERS;
        Map<String, String> producerProperties = new LinkedHashMap<>();
        Duration reportEvery = DEFAULT_REPORT_EVERY;

        GeneratorConfig build() throws UsageException {
            if (quietPartition.isPresent() && partitions.isPresent()) {
                int quiet = quietPartition.getAsInt();
                int spread = partitions.getAsInt();
                if (quiet >= spread) {
                    throw new UsageException("--quiet-partition: partition " + quiet + " is not among the --partitions "
                            + spread + " (0.." + (spread - 1) + ") anyway");
                }
                if (spread < 2) {
                    throw new UsageException("--quiet-partition: with --partitions 1 no partition is left to write to");
                }
            }
            return new GeneratorConfig(
                    bootstrapServers,
                    topic,
                    rate,
                    count,
                    badShare,
                    missingShare,
                    jitter,
                    quietPartition,
                    partitions,
                    seed,
                    startTime,
                    producerProperties,
                    reportEvery,
                    users);
        }
    }
}
