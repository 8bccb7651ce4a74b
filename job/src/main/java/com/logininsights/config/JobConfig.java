package com.logininsights.config;

import com.logininsights.common.Durations;
import com.logininsights.common.Signal;
import com.logininsights.common.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.connector.base.DeliveryGuarantee;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Everything the job can be told, typed and validated. Each flag is declared once, here: a picocli option with its
 * default and its help text, beside the accessor the job reads it with. {@link JobFlags} is the command line around
 * these declarations ({@code --help}, the flag list the README's table is checked against), and {@link #describe()}
 * lists the settings from them too, so that nothing else has to change when a flag is added. Every help text ends
 * with the flag's default in one form, {@code (default: ...)}.
 */
public final class JobConfig {
    private static final Pattern DEFAULT_IN_HELP = Pattern.compile("\\(default: ([^)]*)\\)$");

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT,...",
            defaultValue = "localhost:29092",
            converter = FlagValues.NonBlank.class,
            description = "Kafka brokers to read from and write to (default: ${DEFAULT-VALUE})")
    private String bootstrapServers;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Option(
            names = "--input-topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.INPUT,
            converter = FlagValues.NonBlank.class,
            description = "topic of raw login records (default: ${DEFAULT-VALUE})")
    private String inputTopic;

    public String inputTopic() {
        return inputTopic;
    }

    @Option(
            names = "--processed-topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.PROCESSED,
            converter = FlagValues.NonBlank.class,
            description = "topic for enriched events, keyed by user_id (default: ${DEFAULT-VALUE})")
    private String processedTopic;

    public String processedTopic() {
        return processedTopic;
    }

    @Option(
            names = "--dead-letter-topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.DEAD_LETTERS,
            converter = FlagValues.NonBlank.class,
            description = "topic for rejected records, with a reason (default: ${DEFAULT-VALUE})")
    private String deadLetterTopic;

    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    @Option(
            names = "--insights-topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.INSIGHTS,
            converter = FlagValues.NonBlank.class,
            description =
                    "topic for window insights and late events (fit for compaction)" + " (default: ${DEFAULT-VALUE})")
    private String insightsTopic;

    public String insightsTopic() {
        return insightsTopic;
    }

    /** The four topics as the flags name them. */
    public Topics topics() {
        return new Topics(inputTopic, processedTopic, deadLetterTopic, insightsTopic, alertsTopic);
    }

    /** The topics this job writes: the alerts topic only while a signal is on. */
    public List<String> outputTopics() {
        return topics().outputs(!signals().isEmpty());
    }

    @Option(
            names = "--alerts-topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.ALERTS,
            converter = FlagValues.NonBlank.class,
            description = "topic for the signals' alerts, keyed by what each is about (default: ${DEFAULT-VALUE})")
    private String alertsTopic;

    public String alertsTopic() {
        return alertsTopic;
    }

    @Option(
            names = "--group-id",
            paramLabel = "ID",
            defaultValue = "login-insights",
            converter = FlagValues.NonBlank.class,
            description = "consumer group; also names the job and its transactions (default: ${DEFAULT-VALUE})")
    private String groupId;

    public String groupId() {
        return groupId;
    }

    @Option(
            names = "--starting-offsets",
            paramLabel = "committed|earliest|latest",
            defaultValue = "committed",
            converter = FlagValues.StartingOffsetsValue.class,
            description = "where to start without a checkpoint: committed (falls back to earliest), earliest or"
                    + " latest (default: ${DEFAULT-VALUE})")
    private StartingOffsets startingOffsets;

    public StartingOffsets startingOffsets() {
        return startingOffsets;
    }

    @Option(
            names = "--window",
            paramLabel = "DURATION",
            defaultValue = "1m",
            converter = FlagValues.PositiveDuration.class,
            description = "tumbling event-time window size (default: ${DEFAULT-VALUE})")
    private Duration window;

    public Duration window() {
        return window;
    }

    @Option(
            names = "--out-of-orderness",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = FlagValues.DurationValue.class,
            description = "how far out of order events may arrive and still count (default: ${DEFAULT-VALUE})")
    private Duration outOfOrderness;

    public Duration outOfOrderness() {
        return outOfOrderness;
    }

    @Option(
            names = "--idleness",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = FlagValues.PositiveDuration.class,
            description = "a partition the broker shows read to its end, with no valid event, for this long"
                    + " stops holding event time back (default: ${DEFAULT-VALUE})")
    private Duration idleness;

    public Duration idleness() {
        return idleness;
    }

    @Option(
            names = "--advance-after-quiet",
            paramLabel = "DURATION",
            converter = FlagValues.PositiveDuration.class,
            description = "when a partition has been read to its end with no valid event this long, its event"
                    + " time moves on with the wall clock, so the windows it holds open close; at least"
                    + " --idleness. For live streams: replayed history that resumes after such a pause arrives"
                    + " late (default: off)")
    private Duration advanceAfterQuiet;

    public Optional<Duration> advanceAfterQuiet() {
        return Optional.ofNullable(advanceAfterQuiet);
    }

    @Option(
            names = "--allowed-lateness",
            paramLabel = "DURATION",
            defaultValue = "0s",
            converter = FlagValues.DurationValue.class,
            description = "how long after a window closes a late event still updates it (as a new revision)"
                    + " (default: ${DEFAULT-VALUE})")
    private Duration allowedLateness;

    public Duration allowedLateness() {
        return allowedLateness;
    }

    @Option(
            names = "--max-future-skew",
            paramLabel = "DURATION",
            defaultValue = "1m",
            converter = FlagValues.DurationValue.class,
            description = "events stamped further ahead of the wall clock are dead letters (timestamp_in_future)"
                    + " (default: ${DEFAULT-VALUE})")
    private Duration maxFutureSkew;

    public Duration maxFutureSkew() {
        return maxFutureSkew;
    }

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = FlagValues.PositiveDuration.class,
            description = "how often state is checkpointed; exactly-once output becomes visible at each"
                    + " checkpoint (default: ${DEFAULT-VALUE})")
    private Duration checkpointInterval;

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            description = "where a local run (java -jar, IDE) keeps its checkpoints, and resumes from the latest"
                    + " one after a restart; without it a local run's state is lost when it stops. A cluster"
                    + " uses its own configuration (default: none)")
    private Path checkpointDir;

    public Optional<Path> checkpointDir() {
        return Optional.ofNullable(checkpointDir);
    }

    @Option(
            names = "--state-backend",
            paramLabel = "hashmap|rocksdb",
            defaultValue = "hashmap",
            converter = FlagValues.StateBackendValue.class,
            description = "where keyed state lives: hashmap (the heap) or rocksdb (local disk, incremental"
                    + " checkpoints; for more users than the heap holds) (default: ${DEFAULT-VALUE})")
    private StateBackend stateBackend;

    public StateBackend stateBackend() {
        return stateBackend;
    }

    @Option(
            names = "--delivery-guarantee",
            paramLabel = "exactly-once|at-least-once",
            defaultValue = "exactly-once",
            converter = FlagValues.GuaranteeValue.class,
            description = "exactly-once (Kafka transactions) or at-least-once (lower latency)"
                    + " (default: ${DEFAULT-VALUE})")
    private DeliveryGuarantee deliveryGuarantee;

    public DeliveryGuarantee deliveryGuarantee() {
        return deliveryGuarantee;
    }

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            converter = FlagValues.PositiveInt.class,
            description = "parallelism of the job (default: the environment's)")
    private Integer parallelism;

    public OptionalInt parallelism() {
        return parallelism == null ? OptionalInt.empty() : OptionalInt.of(parallelism);
    }

    @Option(
            names = "--bounded",
            description = "read up to the offsets present at start, fire every window, commit and exit 0; after a"
                    + " failure that restarts cannot cure, exit 1 with the cause (default: off)")
    private boolean bounded;

    public boolean bounded() {
        return bounded;
    }

    @Option(
            names = "--max-record-bytes",
            paramLabel = "BYTES",
            defaultValue = "65536",
            converter = FlagValues.RecordBytes.class,
            description =
                    "larger records are dead letters (too_large); at most 16777216" + " (default: ${DEFAULT-VALUE})")
    private int maxRecordBytes;

    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    @Option(
            names = "--max-values-per-dimension",
            paramLabel = "N",
            defaultValue = "256",
            converter = FlagValues.PositiveInt.class,
            description = "per window, the distinct values of device_type, locale or app_version counted on"
                    + " their own; values past this, and values longer than 64 characters, count as other"
                    + " (default: ${DEFAULT-VALUE})")
    private int maxValuesPerDimension;

    public int maxValuesPerDimension() {
        return maxValuesPerDimension;
    }

    @Option(
            names = "--signals",
            paramLabel = "all|none|NAME,...",
            defaultValue = "all",
            converter = FlagValues.SignalList.class,
            description = "the signals that raise alerts: all, none, or some of new_device, locale_hop, burst,"
                    + " shared_device, shared_ip, watched_locale (with --watched-locales), outdated_version (with"
                    + " --minimum-app-version); see docs/signals.md (default: ${DEFAULT-VALUE})")
    private String signals;

    /** The signals switched on; watched_locale and outdated_version also need their lists. */
    public Set<Signal> signals() {
        return FlagValues.signals(signals);
    }

    @Option(
            names = "--device-memory",
            paramLabel = "DURATION",
            defaultValue = "720h",
            converter = FlagValues.PositiveDuration.class,
            description = "new_device: a device not seen for the user within this long is new; also how long a"
                    + " user's devices, locale and app version are remembered (default: ${DEFAULT-VALUE})")
    private Duration deviceMemory;

    public Duration deviceMemory() {
        return deviceMemory;
    }

    @Option(
            names = "--locale-hop-within",
            paramLabel = "DURATION",
            defaultValue = "1h",
            converter = FlagValues.PositiveDuration.class,
            description = "locale_hop: a user seen in two locales within this long (default: ${DEFAULT-VALUE})")
    private Duration localeHopWithin;

    public Duration localeHopWithin() {
        return localeHopWithin;
    }

    @Option(
            names = "--burst-logins",
            paramLabel = "N",
            defaultValue = "10",
            converter = FlagValues.PositiveInt.class,
            description = "burst: more than this many logins by one user within --burst-within"
                    + " (default: ${DEFAULT-VALUE})")
    private int burstLogins;

    public int burstLogins() {
        return burstLogins;
    }

    @Option(
            names = "--burst-within",
            paramLabel = "DURATION",
            defaultValue = "1m",
            converter = FlagValues.PositiveDuration.class,
            description = "burst: the span of --burst-logins (default: ${DEFAULT-VALUE})")
    private Duration burstWithin;

    public Duration burstWithin() {
        return burstWithin;
    }

    @Option(
            names = "--shared-device-users",
            paramLabel = "N",
            defaultValue = "20",
            converter = FlagValues.PositiveInt.class,
            description = "shared_device: one device_id used by more than this many users within --shared-within"
                    + " (default: ${DEFAULT-VALUE})")
    private int sharedDeviceUsers;

    public int sharedDeviceUsers() {
        return sharedDeviceUsers;
    }

    @Option(
            names = "--shared-ip-users",
            paramLabel = "N",
            defaultValue = "20",
            converter = FlagValues.PositiveInt.class,
            description = "shared_ip: one ip used by more than this many users within --shared-within"
                    + " (default: ${DEFAULT-VALUE})")
    private int sharedIpUsers;

    public int sharedIpUsers() {
        return sharedIpUsers;
    }

    @Option(
            names = "--shared-within",
            paramLabel = "DURATION",
            defaultValue = "10m",
            converter = FlagValues.PositiveDuration.class,
            description = "shared_device and shared_ip: the span of their user counts (default: ${DEFAULT-VALUE})")
    private Duration sharedWithin;

    public Duration sharedWithin() {
        return sharedWithin;
    }

    @Option(
            names = "--max-episode",
            paramLabel = "DURATION",
            defaultValue = "1h",
            converter = FlagValues.PositiveDuration.class,
            description = "burst, shared_device and shared_ip report an episode when it ends, or once it has lasted"
                    + " this long, and a new one begins (default: ${DEFAULT-VALUE})")
    private Duration maxEpisode;

    public Duration maxEpisode() {
        return maxEpisode;
    }

    @Option(
            names = "--watched-locales",
            paramLabel = "LOCALE,...",
            converter = FlagValues.LocaleList.class,
            description = "watched_locale: a login from one of these locales raises an alert (default: none)")
    private String watchedLocales;

    public Set<String> watchedLocales() {
        return watchedLocales == null ? Set.of() : Set.of(watchedLocales.split(","));
    }

    @Option(
            names = "--minimum-app-version",
            paramLabel = "VERSION",
            converter = FlagValues.NonBlank.class,
            description = "outdated_version: a login on an app version below this one, compared as versions"
                    + " (2.10 is above 2.9), raises an alert (default: none)")
    private String minimumAppVersion;

    public Optional<String> minimumAppVersion() {
        return Optional.ofNullable(minimumAppVersion);
    }

    @Option(
            names = "--transactional-id-prefix",
            paramLabel = "PREFIX",
            converter = FlagValues.NonBlank.class,
            description = "prefix of the sinks' Kafka transactional ids; unique per job on a cluster"
                    + " (default: the group id)")
    private String transactionalIdPrefix;

    public String transactionalIdPrefix() {
        return transactionalIdPrefix;
    }

    @Option(
            names = "--web-ui-port",
            paramLabel = "PORT",
            defaultValue = "8081",
            converter = FlagValues.PositiveInt.class,
            description =
                    "port of the Flink web UI when running locally (java -jar, IDE)" + " (default: ${DEFAULT-VALUE})")
    private int webUiPort;

    public int webUiPort() {
        return webUiPort;
    }

    @Option(
            names = "--kafka-properties-file",
            paramLabel = "FILE",
            description = "Kafka client properties for the source and every sink, from a file (for secrets)"
                    + " (default: none)")
    private Path kafkaPropertiesFile;

    @Option(
            names = "--kafka-property",
            paramLabel = "KEY=VALUE",
            mapFallbackValue = CommandLine.Option.NULL_VALUE,
            description = "a Kafka client property for the source and every sink (repeatable), e.g."
                    + " security.protocol=SSL; it overrides the file, the environment and the sinks' defaults"
                    + " (linger.ms=10, batch.size=131072, compression.type=lz4, transaction.timeout.ms=300000)"
                    + " (default: none)")
    private Map<String, String> kafkaProperty = new LinkedHashMap<>();

    @Option(
            names = "--pseudonymise",
            description = "replace ip and device_id in the enriched topic by a keyed hash (HMAC-SHA256, 64 hex"
                    + " digits), the same for the same value and key; the key comes from --pseudonym-key-file or"
                    + " the environment variable " + PseudonymKey.ENVIRONMENT_VARIABLE + " (default: off)")
    private boolean pseudonymise;

    @Option(
            names = "--pseudonym-key-file",
            paramLabel = "FILE",
            description = "a file holding the key of --pseudonymise (a mounted secret): text of at least "
                    + PseudonymKey.MINIMUM_BYTES + " bytes, such as openssl rand -base64 32 prints (default: none)")
    private Path pseudonymKeyFile;

    /** Read in {@link #settle}, from the file or the environment; never a flag's value. */
    private PseudonymKey pseudonymKey;

    /** The key to pseudonymise {@code ip} and {@code device_id} with; empty when {@code --pseudonymise} is off. */
    public Optional<PseudonymKey> pseudonymKey() {
        return Optional.ofNullable(pseudonymKey);
    }

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "print this help and exit")
    private boolean help;

    /** From the file, the environment and the flags; see {@link KafkaClientProperties}. */
    private KafkaClientProperties kafkaProperties;

    public KafkaClientProperties kafkaProperties() {
        return kafkaProperties;
    }

    /** For picocli, which sets the fields; {@link #parse} makes one. */
    JobConfig() {}

    /** The defaults, as {@code --help} shows them. */
    public static JobConfig defaults() {
        return parse(new String[0], System.getenv());
    }

    /**
     * Reads a command line, with the environment variables given ({@link KafkaClientProperties}).
     *
     * @throws UsageException naming the first bad flag
     */
    public static JobConfig parse(String[] args, Map<String, String> environment) {
        JobConfig config = new JobConfig();
        try {
            // As before picocli: a flag given twice takes its last value, so a script can append an override.
            new CommandLine(config).setOverwrittenOptionsAllowed(true).parseArgs(args);
        } catch (UnmatchedArgumentException e) {
            String unknown = e.getUnmatched().get(0);
            List<String> suggestions = e.getSuggestions();
            throw new UsageException("unknown flag '" + unknown + "'"
                    + (suggestions.isEmpty() ? "" : "; did you mean " + suggestions.get(0) + "?"));
        } catch (ParameterException e) {
            throw new UsageException(e.getMessage());
        }
        config.settle(environment);
        return config;
    }

    /** What the flags leave open or cannot check one by one. */
    private void settle(Map<String, String> environment) {
        if (advanceAfterQuiet != null && advanceAfterQuiet.compareTo(idleness) < 0) {
            throw new UsageException("--advance-after-quiet (" + Durations.format(advanceAfterQuiet)
                    + ") must be at least --idleness (" + Durations.format(idleness) + ")");
        }
        for (String named : List.of(signals.split(","))) {
            if (named.equals(Signal.WATCHED_LOCALE.signalName()) && watchedLocales == null) {
                throw new UsageException(
                        "--signals names watched_locale: give the locales to watch with" + " --watched-locales");
            }
            if (named.equals(Signal.OUTDATED_VERSION.signalName()) && minimumAppVersion == null) {
                throw new UsageException("--signals names outdated_version: give the lowest supported version with"
                        + " --minimum-app-version");
            }
        }
        kafkaProperty.forEach((key, value) -> {
            if (key.isBlank() || value == null) {
                throw new UsageException("bad value for --kafka-property: '" + key + "' is not KEY=VALUE");
            }
        });
        if (transactionalIdPrefix == null) {
            transactionalIdPrefix = groupId;
        }
        kafkaProperties = KafkaClientProperties.gather(kafkaPropertiesFile, environment, kafkaProperty);
        if (pseudonymise) {
            pseudonymKey = PseudonymKey.read(pseudonymKeyFile, environment)
                    .orElseThrow(() -> new UsageException("--pseudonymise needs a key: put it in a file named by"
                            + " --pseudonym-key-file, or in the environment variable "
                            + PseudonymKey.ENVIRONMENT_VARIABLE));
        } else if (pseudonymKeyFile != null) {
            throw new UsageException("--pseudonym-key-file is the key of --pseudonymise, which is off");
        }
    }

    /** The Kafka settings given with {@code --kafka-property}, as given. */
    Map<String, String> kafkaPropertyFlags() {
        return kafkaProperty;
    }

    /**
     * What the job runs with, for the web UI's job configuration tab: every flag's value, and the names of the
     * Kafka client properties from every source, and where the pseudonym key came from. Their values may hold
     * secrets, so a flag that takes KEY=VALUE pairs shows its keys alone, and the key itself is never a flag.
     */
    public Map<String, String> describe() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (OptionSpec option : CommandSpec.forAnnotatedObject(this).options()) {
            if (!option.usageHelp()) {
                settings.put(option.longestName().substring(2), shown(option.getValue(), option));
            }
        }
        settings.put("kafka-properties", String.join(",", kafkaProperties.names()));
        settings.put(
                "pseudonym-key",
                pseudonymKey().map(key -> "from " + key.source()).orElse("none"));
        return settings;
    }

    private static String shown(Object value, OptionSpec option) {
        if (value == null) {
            return defaultInHelp(option);
        } else if (value instanceof Duration duration) {
            return Durations.format(duration);
        } else if (value instanceof Enum<?> constant) {
            return FlagValues.flagValue(constant);
        } else if (value instanceof Map<?, ?> pairs) {
            return String.join(",", pairs.keySet().stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    /** The default that the option's help text ends with. */
    static String defaultInHelp(OptionSpec option) {
        Matcher matcher = DEFAULT_IN_HELP.matcher(String.join(" ", option.description()));
        if (!matcher.find()) {
            throw new IllegalStateException(option.longestName() + "'s help does not end with its default");
        }
        return matcher.group(1);
    }
}
