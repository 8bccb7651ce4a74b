package com.logininsights.config;

import com.logininsights.common.Durations;
import com.logininsights.common.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.connector.base.DeliveryGuarantee;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line of the job, read with picocli. Each flag is declared once below, with its default and its help
 * text, so that parsing, {@code --help} and the README's table (checked by a test) cannot drift apart. Every help text
 * ends with the flag's default in one form, {@code (default: ...)}.
 */
public final class JobFlags {
    /** The most a record may be: a dead letter keeps the payload as JSON text, six bytes per byte at worst. */
    static final int MAX_RECORD_BYTES_LIMIT = 16 * 1024 * 1024;

    private static final Pattern DEFAULT_IN_HELP = Pattern.compile("\\(default: ([^)]*)\\)$");

    /** One flag as {@code --help} and the README show it. */
    public record Flag(String name, String defaultValue) {}

    private JobFlags() {}

    /** Parses a command line; throws {@link UsageException} naming the first bad flag. */
    public static JobConfig parse(String[] args) {
        return parse(args, System.getenv());
    }

    /** As {@link #parse(String[])}, with the environment variables given ({@link KafkaClientProperties}). */
    public static JobConfig parse(String[] args, Map<String, String> environment) {
        Options options = new Options();
        try {
            // As before picocli: a flag given twice takes its last value, so a script can append an override.
            new CommandLine(options).setOverwrittenOptionsAllowed(true).parseArgs(args);
        } catch (UnmatchedArgumentException e) {
            String unknown = e.getUnmatched().get(0);
            List<String> suggestions = e.getSuggestions();
            throw new UsageException("unknown flag '" + unknown + "'"
                    + (suggestions.isEmpty() ? "" : "; did you mean " + suggestions.get(0) + "?"));
        } catch (ParameterException e) {
            throw new UsageException(e.getMessage());
        }
        return options.toConfig(environment);
    }

    /**
     * The Kafka settings given with {@code --kafka-property} that Kafka holds secret, and that the process list
     * shows there.
     */
    public static Set<String> secretsOnCommandLine(String[] args) {
        Options options = new Options();
        try {
            new CommandLine(options).setOverwrittenOptionsAllowed(true).parseArgs(args);
        } catch (ParameterException e) {
            return Set.of(); // parse() says what is wrong
        }
        return KafkaClientProperties.secretNames(
                options.kafkaProperty.keySet().stream().map(String::trim).toList());
    }

    public static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    public static String usage() {
        return new CommandLine(new Options()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** Every flag with its default, in the order of {@code --help}. */
    public static List<Flag> flags() {
        List<Flag> flags = new ArrayList<>();
        for (OptionSpec option : new CommandLine(new Options()).getCommandSpec().options()) {
            if (option.usageHelp()) {
                continue;
            }
            String help = String.join(" ", option.description());
            Matcher matcher = DEFAULT_IN_HELP.matcher(help);
            if (!matcher.find()) {
                throw new IllegalStateException(option.longestName() + "'s help does not end with its default");
            }
            flags.add(new Flag(option.longestName(), matcher.group(1)));
        }
        return flags;
    }

    static String flagValue(DeliveryGuarantee guarantee) {
        return guarantee.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Command(
            name = "login-insights",
            sortOptions = false,
            usageHelpWidth = 120,
            customSynopsis = "java -jar login-insights-local.jar [flags]   (or submit login-insights.jar to a Flink"
                    + " cluster with the same flags)",
            description = "user-login events in Kafka to enriched events, dead letters and insights, exactly once.%n",
            optionListHeading = "Flags:%n",
            footer = {
                "%nDurations are written like 500ms, 10s, 1m or 2h. A bad flag exits with code 2.",
                "Kafka client settings come from --kafka-properties-file, then environment variables named",
                KafkaClientProperties.ENVIRONMENT_PREFIX + "<KEY> (" + KafkaClientProperties.ENVIRONMENT_PREFIX
                        + "SASL_JAAS_CONFIG is sasl.jaas.config), then --kafka-property, later ones winning.",
                "Keep passwords out of --kafka-property: a command line shows in the process list and in logs."
            })
    static final class Options {
        @Option(
                names = "--bootstrap-servers",
                paramLabel = "HOST:PORT,...",
                defaultValue = "localhost:29092",
                converter = NonBlank.class,
                description = "Kafka brokers to read from and write to (default: ${DEFAULT-VALUE})")
        String bootstrapServers;

        @Option(
                names = "--input-topic",
                paramLabel = "TOPIC",
                defaultValue = Topics.INPUT,
                converter = NonBlank.class,
                description = "topic of raw login records (default: ${DEFAULT-VALUE})")
        String inputTopic;

        @Option(
                names = "--processed-topic",
                paramLabel = "TOPIC",
                defaultValue = Topics.PROCESSED,
                converter = NonBlank.class,
                description = "topic for enriched events, keyed by user_id (default: ${DEFAULT-VALUE})")
        String processedTopic;

        @Option(
                names = "--dead-letter-topic",
                paramLabel = "TOPIC",
                defaultValue = Topics.DEAD_LETTERS,
                converter = NonBlank.class,
                description = "topic for rejected records, with a reason (default: ${DEFAULT-VALUE})")
        String deadLetterTopic;

        @Option(
                names = "--insights-topic",
                paramLabel = "TOPIC",
                defaultValue = Topics.INSIGHTS,
                converter = NonBlank.class,
                description = "topic for window insights and late events (fit for compaction)"
                        + " (default: ${DEFAULT-VALUE})")
        String insightsTopic;

        @Option(
                names = "--group-id",
                paramLabel = "ID",
                defaultValue = "login-insights",
                converter = NonBlank.class,
                description = "consumer group; also names the job and its transactions (default: ${DEFAULT-VALUE})")
        String groupId;

        @Option(
                names = "--starting-offsets",
                paramLabel = "committed|earliest|latest",
                defaultValue = "committed",
                converter = StartingOffsetsValue.class,
                description = "where to start without a checkpoint: committed (falls back to earliest), earliest or"
                        + " latest (default: ${DEFAULT-VALUE})")
        StartingOffsets startingOffsets;

        @Option(
                names = "--window",
                paramLabel = "DURATION",
                defaultValue = "1m",
                converter = PositiveDuration.class,
                description = "tumbling event-time window size (default: ${DEFAULT-VALUE})")
        Duration window;

        @Option(
                names = "--out-of-orderness",
                paramLabel = "DURATION",
                defaultValue = "5s",
                converter = DurationValue.class,
                description = "how far out of order events may arrive and still count (default: ${DEFAULT-VALUE})")
        Duration outOfOrderness;

        @Option(
                names = "--idleness",
                paramLabel = "DURATION",
                defaultValue = "10s",
                converter = PositiveDuration.class,
                description =
                        "a partition without a valid event this long stops holding the watermark back; when it speaks"
                                + " again, it holds it back again after this long"
                                + " (default: ${DEFAULT-VALUE})")
        Duration idleness;

        @Option(
                names = "--advance-after-quiet",
                paramLabel = "DURATION",
                converter = PositiveDuration.class,
                description = "when a partition has had no valid event this long, its event time moves on with the"
                        + " wall clock, so the windows it holds open close; at least --idleness. For live streams:"
                        + " replayed history that resumes after such a pause arrives late (default: off)")
        Duration advanceAfterQuiet;

        @Option(
                names = "--allowed-lateness",
                paramLabel = "DURATION",
                defaultValue = "0s",
                converter = DurationValue.class,
                description = "how long after a window closes a late event still updates it (as a new revision)"
                        + " (default: ${DEFAULT-VALUE})")
        Duration allowedLateness;

        @Option(
                names = "--max-future-skew",
                paramLabel = "DURATION",
                defaultValue = "1m",
                converter = DurationValue.class,
                description = "events stamped further ahead of the wall clock are dead letters (timestamp_in_future)"
                        + " (default: ${DEFAULT-VALUE})")
        Duration maxFutureSkew;

        @Option(
                names = "--checkpoint-interval",
                paramLabel = "DURATION",
                defaultValue = "10s",
                converter = PositiveDuration.class,
                description = "how often state is checkpointed; exactly-once output becomes visible at each"
                        + " checkpoint (default: ${DEFAULT-VALUE})")
        Duration checkpointInterval;

        @Option(
                names = "--checkpoint-dir",
                paramLabel = "DIR",
                description = "where a local run (java -jar, IDE) keeps its checkpoints, and resumes from the latest"
                        + " one after a restart; without it a local run's state is lost when it stops. A cluster"
                        + " uses its own configuration (default: none)")
        Path checkpointDir;

        @Option(
                names = "--delivery-guarantee",
                paramLabel = "exactly-once|at-least-once",
                defaultValue = "exactly-once",
                converter = GuaranteeValue.class,
                description = "exactly-once (Kafka transactions) or at-least-once (lower latency)"
                        + " (default: ${DEFAULT-VALUE})")
        DeliveryGuarantee deliveryGuarantee;

        @Option(
                names = "--parallelism",
                paramLabel = "N",
                converter = PositiveInt.class,
                description = "parallelism of the job (default: the environment's)")
        Integer parallelism;

        @Option(
                names = "--bounded",
                description = "read up to the offsets present at start, fire every window, commit and exit 0; after a"
                        + " failure that restarts cannot cure, exit 1 with the cause (default: off)")
        boolean bounded;

        @Option(
                names = "--max-record-bytes",
                paramLabel = "BYTES",
                defaultValue = "65536",
                converter = RecordBytes.class,
                description = "larger records are dead letters (too_large); at most 16777216"
                        + " (default: ${DEFAULT-VALUE})")
        int maxRecordBytes;

        @Option(
                names = "--max-values-per-dimension",
                paramLabel = "N",
                defaultValue = "256",
                converter = PositiveInt.class,
                description = "per window, the distinct values of device_type, locale or app_version counted on"
                        + " their own; values past this, and values longer than 64 characters, count as other"
                        + " (default: ${DEFAULT-VALUE})")
        int maxValuesPerDimension;

        @Option(
                names = "--transactional-id-prefix",
                paramLabel = "PREFIX",
                converter = NonBlank.class,
                description = "prefix of the sinks' Kafka transactional ids; unique per job on a cluster"
                        + " (default: the group id)")
        String transactionalIdPrefix;

        @Option(
                names = "--web-ui-port",
                paramLabel = "PORT",
                defaultValue = "8081",
                converter = PositiveInt.class,
                description = "port of the Flink web UI when running locally (java -jar, IDE)"
                        + " (default: ${DEFAULT-VALUE})")
        int webUiPort;

        @Option(
                names = "--kafka-properties-file",
                paramLabel = "FILE",
                description = "Kafka client properties for the source and every sink, from a file (for secrets)"
                        + " (default: none)")
        Path kafkaPropertiesFile;

        @Option(
                names = "--kafka-property",
                paramLabel = "KEY=VALUE",
                mapFallbackValue = CommandLine.Option.NULL_VALUE,
                description = "a Kafka client property for the source and every sink (repeatable), e.g."
                        + " security.protocol=SSL; it overrides the file, the environment and the sinks' defaults"
                        + " (linger.ms=10, batch.size=131072, compression.type=lz4, transaction.timeout.ms=300000)"
                        + " (default: none)")
        Map<String, String> kafkaProperty = new LinkedHashMap<>();

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "print this help and exit")
        boolean help;

        JobConfig toConfig(Map<String, String> environment) {
            if (advanceAfterQuiet != null && advanceAfterQuiet.compareTo(idleness) < 0) {
                throw new UsageException("--advance-after-quiet (" + Durations.format(advanceAfterQuiet)
                        + ") must be at least --idleness (" + Durations.format(idleness) + ")");
            }
            kafkaProperty.forEach((key, value) -> {
                if (key.isBlank() || value == null) {
                    throw new UsageException("bad value for --kafka-property: '" + key + "' is not KEY=VALUE");
                }
            });
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
                    Optional.ofNullable(advanceAfterQuiet),
                    allowedLateness,
                    maxFutureSkew,
                    checkpointInterval,
                    Optional.ofNullable(checkpointDir),
                    deliveryGuarantee,
                    parallelism == null ? OptionalInt.empty() : OptionalInt.of(parallelism),
                    bounded,
                    maxRecordBytes,
                    maxValuesPerDimension,
                    transactionalIdPrefix == null ? groupId : transactionalIdPrefix,
                    webUiPort,
                    KafkaClientProperties.gather(kafkaPropertiesFile, environment, kafkaProperty));
        }
    }

    static final class NonBlank implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isBlank()) {
                throw new CommandLine.TypeConversionException("must not be empty");
            }
            return value.trim();
        }
    }

    static class DurationValue implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class PositiveDuration extends DurationValue {
        @Override
        public Duration convert(String value) {
            Duration duration = super.convert(value);
            if (duration.isZero()) {
                throw new CommandLine.TypeConversionException("must be more than zero");
            }
            return duration;
        }
    }

    static class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int number = Integer.parseInt(value.trim());
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException ignored) {
                // said below
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a positive whole number");
        }
    }

    static final class RecordBytes extends PositiveInt {
        @Override
        public Integer convert(String value) {
            int bytes = super.convert(value);
            if (bytes > MAX_RECORD_BYTES_LIMIT) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is over the limit of " + MAX_RECORD_BYTES_LIMIT);
            }
            return bytes;
        }
    }

    static final class StartingOffsetsValue implements ITypeConverter<StartingOffsets> {
        @Override
        public StartingOffsets convert(String value) {
            for (StartingOffsets offsets : StartingOffsets.values()) {
                if (offsets.name().equalsIgnoreCase(value.trim())) {
                    return offsets;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not one of committed, earliest, latest");
        }
    }

    static final class GuaranteeValue implements ITypeConverter<DeliveryGuarantee> {
        @Override
        public DeliveryGuarantee convert(String value) {
            for (DeliveryGuarantee guarantee :
                    List.of(DeliveryGuarantee.EXACTLY_ONCE, DeliveryGuarantee.AT_LEAST_ONCE)) {
                if (flagValue(guarantee).equals(value.trim())) {
                    return guarantee;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not exactly-once or at-least-once");
        }
    }
}
