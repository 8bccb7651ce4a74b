package com.logininsights.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiConsumer;

/**
 * The command line of the job. Each flag is declared once, with its default and its help text, so that parsing,
 * {@code --help} and the README's table cannot drift apart.
 */
public final class JobFlags {

    /**
     * One flag: its name, the value it takes (null for a switch), its default, and what it does. When
     * {@code defaultIsValue} the default is typed like a value and parsed like one; otherwise it describes what
     * happens without the flag.
     */
    public record Flag(String name, String valueName, String defaultValue, boolean defaultIsValue, String help) {}

    private static final List<Flag> FLAGS = new ArrayList<>();
    private static final Map<String, BiConsumer<Builder, String>> SETTERS = new LinkedHashMap<>();

    static {
        flag(
                "--bootstrap-servers",
                "HOST:PORT,...",
                "localhost:29092",
                "Kafka brokers to read from and write to",
                (b, v) -> b.bootstrapServers = nonBlank(v));
        flag(
                "--input-topic",
                "TOPIC",
                "user-login",
                "topic of raw login records",
                (b, v) -> b.inputTopic = nonBlank(v));
        flag(
                "--processed-topic",
                "TOPIC",
                "user-login-processed",
                "topic for enriched events, keyed by user_id",
                (b, v) -> b.processedTopic = nonBlank(v));
        flag(
                "--dead-letter-topic",
                "TOPIC",
                "user-login-dlq",
                "topic for rejected records, with a reason",
                (b, v) -> b.deadLetterTopic = nonBlank(v));
        flag(
                "--insights-topic",
                "TOPIC",
                "user-login-insights",
                "topic for window insights and late events (fit for compaction)",
                (b, v) -> b.insightsTopic = nonBlank(v));
        flag(
                "--group-id",
                "ID",
                "login-insights",
                "consumer group; also names the job and its transactions",
                (b, v) -> b.groupId = nonBlank(v));
        flag(
                "--starting-offsets",
                "committed|earliest|latest",
                "committed",
                "where to start without a checkpoint; committed falls back to earliest",
                (b, v) -> b.startingOffsets = enumValue(StartingOffsets.class, v));
        flag("--window", "DURATION", "1m", "tumbling event-time window size", (b, v) -> b.window = positive(v));
        flag(
                "--out-of-orderness",
                "DURATION",
                "5s",
                "how far out of order events may arrive and still count",
                (b, v) -> b.outOfOrderness = nonNegative(v));
        flag(
                "--idleness",
                "DURATION",
                "10s",
                "a partition without a valid event this long stops holding the watermark back",
                (b, v) -> b.idleness = positive(v));
        flagWithoutDefault(
                "--advance-after-quiet",
                "DURATION",
                "off",
                "when a partition has had no valid event this long, its event time moves on with the wall clock,"
                        + " so the windows it holds open close; at least --idleness. For live streams: replayed"
                        + " history that resumes after such a pause arrives late",
                (b, v) -> b.advanceAfterQuiet = Optional.of(positive(v)));
        flag(
                "--allowed-lateness",
                "DURATION",
                "0s",
                "how long after a window closes a late event still updates it (as a new revision)",
                (b, v) -> b.allowedLateness = nonNegative(v));
        flag(
                "--max-future-skew",
                "DURATION",
                "1m",
                "events stamped further ahead of the wall clock are dead letters (timestamp_in_future)",
                (b, v) -> b.maxFutureSkew = nonNegative(v));
        flag(
                "--checkpoint-interval",
                "DURATION",
                "10s",
                "how often state is checkpointed; exactly-once output becomes visible at each checkpoint",
                (b, v) -> b.checkpointInterval = positive(v));
        flag(
                "--delivery-guarantee",
                "exactly-once|at-least-once",
                "exactly-once",
                "how the sinks write",
                (b, v) -> b.deliveryGuarantee = guarantee(v));
        flagWithoutDefault(
                "--parallelism",
                "N",
                "the environment's",
                "parallelism of the job",
                (b, v) -> b.parallelism = OptionalInt.of(positiveInt("--parallelism", v)));
        flagWithoutDefault(
                "--bounded",
                null,
                "off",
                "read up to the offsets present at start, fire every window, commit and exit 0",
                (b, v) -> b.bounded = true);
        flag(
                "--max-record-bytes",
                "BYTES",
                "65536",
                "larger records are dead letters (too_large)",
                (b, v) -> b.maxRecordBytes = positiveInt("--max-record-bytes", v));
        flagWithoutDefault(
                "--transactional-id-prefix",
                "PREFIX",
                "the group id",
                "prefix of the sinks' Kafka transactional ids; unique per job on a cluster",
                (b, v) -> b.transactionalIdPrefix = nonBlank(v));
        flag(
                "--web-ui-port",
                "PORT",
                "8081",
                "port of the Flink web UI when running locally (java -jar, IDE)",
                (b, v) -> b.webUiPort = positiveInt("--web-ui-port", v));
        flagWithoutDefault(
                "--kafka-property",
                "KEY=VALUE",
                "none",
                "a Kafka client property for the source and every sink (repeatable), e.g. security.protocol=SSL;"
                        + " it overrides the sinks' defaults (linger.ms=10, batch.size=131072, compression.type=lz4,"
                        + " transaction.timeout.ms=300000)",
                JobFlags::kafkaProperty);
    }

    private JobFlags() {}

    public static List<Flag> flags() {
        return List.copyOf(FLAGS);
    }

    public static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /** Parses a command line; throws {@link UsageException} naming the first bad flag. */
    public static JobConfig parse(String[] args) {
        Builder builder = new Builder();
        for (Flag flag : FLAGS) {
            if (flag.defaultIsValue()) {
                SETTERS.get(flag.name()).accept(builder, flag.defaultValue());
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            BiConsumer<Builder, String> setter = SETTERS.get(name);
            if (setter == null) {
                throw new UsageException("unknown flag '" + arg + "' (see --help)");
            }
            boolean isSwitch = flag(name).valueName() == null;
            if (isSwitch && value != null) {
                throw new UsageException(name + " takes no value");
            }
            if (!isSwitch && value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(
                            name + " needs a value: " + flag(name).valueName());
                }
                value = args[++i];
            }
            try {
                setter.accept(builder, value);
            } catch (UsageException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new UsageException("bad value for " + name + ": " + e.getMessage());
            }
        }
        return builder.build();
    }

    public static String usage() {
        StringBuilder text = new StringBuilder();
        text.append("login-insights: user-login events in Kafka to enriched events, dead letters and insights.\n\n")
                .append("Usage: java -jar login-insights-local.jar [flags]   (or submit login-insights.jar to a")
                .append(" Flink cluster)\n\nFlags:\n");
        for (Flag flag : FLAGS) {
            String left = flag.valueName() == null ? flag.name() : flag.name() + " " + flag.valueName();
            text.append(
                    String.format(Locale.ROOT, "  %-48s %s (default: %s)%n", left, flag.help(), flag.defaultValue()));
        }
        text.append(String.format(Locale.ROOT, "  %-48s %s%n", "--help", "print this help and exit"));
        text.append("\nDurations are written like 500ms, 10s, 1m or 2h. A bad flag exits with code 2.\n");
        return text.toString();
    }

    private static void flag(
            String name, String valueName, String defaultValue, String help, BiConsumer<Builder, String> setter) {
        FLAGS.add(new Flag(name, valueName, defaultValue, true, help));
        SETTERS.put(name, setter);
    }

    private static void flagWithoutDefault(
            String name, String valueName, String whatHappensWithout, String help, BiConsumer<Builder, String> setter) {
        FLAGS.add(new Flag(name, valueName, whatHappensWithout, false, help));
        SETTERS.put(name, setter);
    }

    private static Flag flag(String name) {
        return FLAGS.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static String nonBlank(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return value.trim();
    }

    private static Duration positive(String value) {
        Duration duration = Durations.parse(value);
        if (duration.isZero()) {
            throw new IllegalArgumentException("must be more than zero");
        }
        return duration;
    }

    private static Duration nonNegative(String value) {
        return Durations.parse(value);
    }

    private static int positiveInt(String name, String value) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the flag's name
        }
        throw new UsageException("bad value for " + name + ": '" + value + "' is not a positive whole number");
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not one of " + choices(type));
        }
    }

    private static DeliveryGuarantee guarantee(String value) {
        for (DeliveryGuarantee guarantee : DeliveryGuarantee.values()) {
            if (guarantee.flagValue().equals(value.trim())) {
                return guarantee;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not exactly-once or at-least-once");
    }

    private static void kafkaProperty(Builder builder, String value) {
        int equals = value.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("'" + value + "' is not KEY=VALUE");
        }
        builder.kafkaProperties.put(
                value.substring(0, equals).trim(), value.substring(equals + 1).trim());
    }

    private static <E extends Enum<E>> String choices(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return String.join(", ", names);
    }

    /** Collects values while parsing, starting from the defaults declared above. */
    private static final class Builder {
        String bootstrapServers;
        String inputTopic;
        String processedTopic;
        String deadLetterTopic;
        String insightsTopic;
        String groupId;
        StartingOffsets startingOffsets;
        Duration window;
        Duration outOfOrderness;
        Duration idleness;
        Optional<Duration> advanceAfterQuiet = Optional.empty();
        Duration allowedLateness;
        Duration maxFutureSkew;
        Duration checkpointInterval;
        DeliveryGuarantee deliveryGuarantee;
        OptionalInt parallelism = OptionalInt.empty();
        boolean bounded;
        int maxRecordBytes;
        String transactionalIdPrefix;
        int webUiPort;
        final Map<String, String> kafkaProperties = new LinkedHashMap<>();

        JobConfig build() {
            if (advanceAfterQuiet.isPresent() && advanceAfterQuiet.get().compareTo(idleness) < 0) {
                throw new UsageException("--advance-after-quiet (" + Durations.format(advanceAfterQuiet.get())
                        + ") must be at least --idleness (" + Durations.format(idleness) + ")");
            }
            return new JobConfig(
                    bootstrapServers,
                    inputTopic,
                    processedTopic,
                    deadLetterTopic,
                    insightsTopic,
                    groupId,
                    startingOffsets,
                    window,
                    outOfOrderness,
                    idleness,
                    advanceAfterQuiet,
                    allowedLateness,
                    maxFutureSkew,
                    checkpointInterval,
                    deliveryGuarantee,
                    parallelism,
                    bounded,
                    maxRecordBytes,
                    transactionalIdPrefix == null ? groupId : transactionalIdPrefix,
                    webUiPort,
                    kafkaProperties);
        }
    }
}
