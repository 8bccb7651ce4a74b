package com.logininsights.tools.generator;

import com.logininsights.common.Topics;
import com.logininsights.tools.cli.Cli;
import com.logininsights.tools.cli.Converters;
import com.logininsights.tools.cli.DurationConverter;
import com.logininsights.tools.cli.HelpOption;
import com.logininsights.tools.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.DoublePredicate;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The generator's command line: {@code --flag value} or {@code --flag=value}, read into a {@link GeneratorConfig}. */
@Command(
        name = "generator",
        customSynopsis = "java -jar tools/target/login-insights-tools.jar [flags]",
        description = {
            "Writes upstream-shaped JSON user-login records to Kafka, with a share of malformed ones.",
            "Durations: 500ms, 10s, 1m, 2h. Without --partitions, --quiet-partition spreads records over all of the"
                    + " topic's other partitions; without either, the producer picks partitions (sticky).",
            "With --incidents, injects suspicious logins the job must alert on, each kind in turn every"
                    + " --incident-every, and lists them in --ground-truth; give --watched-locales and"
                    + " --minimum-app-version the job's values.",
            "Exit codes: 0 every record delivered, 1 the broker or a delivery failed, 2 a bad flag.",
            ""
        },
        sortOptions = false)
public final class GeneratorFlags implements Callable<Integer> {
    /** Shared with the tools that start the generator and say what they leave to it. */
    public static final String DEFAULT_USERS = "10000";

    @Mixin
    HelpOption help;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            defaultValue = "localhost:29092",
            converter = Converters.NonBlank.class,
            description = "Kafka brokers to connect to (default: ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(
            names = "--topic",
            paramLabel = "NAME",
            defaultValue = Topics.INPUT,
            converter = Converters.TopicName.class,
            description = "topic to write to (default: ${DEFAULT-VALUE})")
    String topic;

    @Option(
            names = "--rate",
            paramLabel = "N|max",
            defaultValue = "10",
            converter = Rate.class,
            description = "records per second; max or 0: as fast as possible (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(
            names = "--count",
            paramLabel = "N",
            converter = Converters.PositiveLong.class,
            description = "stop after N records (default: unlimited)")
    Long count;

    @Option(
            names = "--bad-share",
            paramLabel = "FRACTION",
            defaultValue = "0.03",
            converter = Converters.Share.class,
            description = "share of malformed records (0..1), all kinds alike (default: ${DEFAULT-VALUE})")
    double badShare;

    @Option(
            names = "--missing-share",
            paramLabel = "FRACTION",
            defaultValue = "0.04",
            converter = Converters.Share.class,
            description = "share of the rest missing an optional field (default: ${DEFAULT-VALUE})")
    double missingShare;

    @Option(
            names = "--jitter",
            paramLabel = "DURATION",
            defaultValue = "2s",
            description = "most an event time lags its send time (out of order) (default: ${DEFAULT-VALUE})")
    Duration jitter;

    @Option(
            names = "--quiet-partition",
            paramLabel = "N",
            converter = PartitionNumber.class,
            description = "never write to partition N (exercises idleness) (default: none)")
    Integer quietPartition;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            converter = Converters.PositiveInt.class,
            description = "deal records round-robin over partitions 0..N-1 (default: producer's choice)")
    Integer partitions;

    @Option(
            names = "--seed",
            paramLabel = "N",
            converter = Converters.WholeNumber.class,
            description = "the same seed gives the same records (default: random)")
    Long seed;

    @Option(
            names = "--start-time",
            paramLabel = "EPOCH_SECONDS",
            converter = EpochSeconds.class,
            description = "event time of the first record (default: now)")
    Instant startTime;

    @Option(
            names = "--time-lapse",
            paramLabel = "FACTOR",
            defaultValue = "1",
            converter = TimeLapse.class,
            description = "event time runs this many times as fast as the clock; with --start-time in the past, so"
                    + " that it does not run into the future (default: ${DEFAULT-VALUE})")
    double timeLapse;

    @Option(
            names = "--users",
            paramLabel = "N",
            defaultValue = DEFAULT_USERS,
            converter = Converters.PositiveInt.class,
            description = "distinct users the records come from (default: ${DEFAULT-VALUE})")
    int users;

    @Option(
            names = "--incidents",
            paramLabel = "KIND[,KIND...]",
            split = ",",
            description = "inject incidents of these kinds, in turn: takeover, burst, shared_device, shared_ip,"
                    + " watched_locale, outdated_version; all: every kind the flags below allow (default: none)")
    List<String> incidents = new ArrayList<>();

    @Option(
            names = "--incident-every",
            paramLabel = "DURATION",
            defaultValue = "1m",
            converter = DurationConverter.Positive.class,
            description = "event time from one incident's start to the next (default: ${DEFAULT-VALUE})")
    Duration incidentEvery;

    @Option(
            names = "--ground-truth",
            paramLabel = "FILE",
            description = "write what was injected to this new file, a JSON line per alert the job must raise"
                    + " (default: none)")
    Path groundTruth;

    @Option(
            names = "--burst-size",
            paramLabel = "N",
            defaultValue = "20",
            converter = AtLeastTwo.class,
            description = "logins in one injected burst, all within 30 s (default: ${DEFAULT-VALUE})")
    int burstSize;

    @Option(
            names = "--crowd-size",
            paramLabel = "N",
            defaultValue = "30",
            converter = AtLeastTwo.class,
            description =
                    "accounts on one injected shared device or IP, all within 1 minute (default: ${DEFAULT-VALUE})")
    int crowdSize;

    @Option(
            names = "--watched-locales",
            paramLabel = "LOCALE[,LOCALE...]",
            split = ",",
            converter = Converters.NonBlank.class,
            description = "the job's watched locales: the background never logs in from them, watched_locale"
                    + " incidents do (default: none)")
    List<String> watchedLocales = new ArrayList<>();

    @Option(
            names = "--minimum-app-version",
            paramLabel = "VERSION",
            converter = Version.class,
            description = "the job's minimum app version: the background never runs an older one, outdated_version"
                    + " incidents do (default: none)")
    AppVersion minimumAppVersion;

    @Option(
            names = "--producer-property",
            paramLabel = "KEY=VALUE",
            converter = Converters.KeyValue.class,
            description = "Kafka producer setting; repeatable (default: none)")
    List<Map.Entry<String, String>> producerProperties = new ArrayList<>();

    @Option(
            names = "--report-every",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = DurationConverter.Positive.class,
            description = "how often to log progress (default: ${DEFAULT-VALUE})")
    Duration reportEvery;

    /** The configuration these flags ask for, or why they do not fit together. */
    public static GeneratorConfig parse(String... args) throws UsageException {
        return Cli.parse(new GeneratorFlags(), args).config();
    }

    public static String usage() {
        return Cli.usage(new GeneratorFlags());
    }

    @Override
    public Integer call() throws UsageException {
        return LoginEventGenerator.generate(config());
    }

    GeneratorConfig config() throws UsageException {
        if (quietPartition != null && partitions != null) {
            if (quietPartition >= partitions) {
                throw new UsageException("--quiet-partition: partition " + quietPartition
                        + " is not among the --partitions " + partitions + " (0.." + (partitions - 1) + ") anyway");
            }
            if (partitions < 2) {
                throw new UsageException("--quiet-partition: with --partitions 1 no partition is left to write to");
            }
        }
        if (groundTruth != null) {
            if (Files.exists(groundTruth)) {
                throw new UsageException("--ground-truth: " + groundTruth + " exists already; name a new file");
            }
            Path folder = groundTruth.toAbsolutePath().getParent();
            if (folder != null && !Files.isDirectory(folder)) {
                throw new UsageException("--ground-truth: there is no folder " + folder);
            }
        }
        List<String> watched = watchedLocales.stream()
                .map(locale -> locale.toUpperCase(Locale.ROOT))
                .distinct()
                .toList();
        try {
            new UpstreamValues(Set.copyOf(watched), Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--watched-locales: " + e.getMessage());
        }
        try {
            new UpstreamValues(Set.of(), Optional.ofNullable(minimumAppVersion));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--minimum-app-version: " + e.getMessage());
        }
        Map<String, String> properties = new LinkedHashMap<>();
        producerProperties.forEach(property -> properties.put(property.getKey(), property.getValue()));
        return new GeneratorConfig(
                bootstrapServers,
                topic,
                rate,
                count == null ? OptionalLong.empty() : OptionalLong.of(count),
                badShare,
                missingShare,
                jitter,
                quietPartition == null ? OptionalInt.empty() : OptionalInt.of(quietPartition),
                partitions == null ? OptionalInt.empty() : OptionalInt.of(partitions),
                seed == null ? OptionalLong.empty() : OptionalLong.of(seed),
                Optional.ofNullable(startTime),
                timeLapse,
                properties,
                reportEvery,
                users,
                new IncidentMix(incidentKinds(watched), incidentEvery, burstSize, crowdSize),
                Optional.ofNullable(groundTruth),
                watched,
                Optional.ofNullable(minimumAppVersion));
    }

    /** The kinds asked for, in the order given; {@code all} is every kind the watched locales and version allow. */
    private List<IncidentKind> incidentKinds(List<String> watched) throws UsageException {
        boolean versionsOlderExist = minimumAppVersion != null && minimumAppVersion.major() >= 1;
        Set<IncidentKind> kinds = new LinkedHashSet<>();
        for (String code : incidents) {
            String name = code.trim().toLowerCase(Locale.ROOT);
            if (name.equals("all")) {
                Arrays.stream(IncidentKind.values())
                        .filter(kind -> kind != IncidentKind.WATCHED_LOCALE || !watched.isEmpty())
                        .filter(kind -> kind != IncidentKind.OUTDATED_VERSION || versionsOlderExist)
                        .forEach(kinds::add);
                continue;
            }
            IncidentKind kind = IncidentKind.of(name)
                    .orElseThrow(() -> new UsageException("--incidents: '" + code + "' is not a kind of incident ("
                            + Arrays.stream(IncidentKind.values())
                                    .map(IncidentKind::code)
                                    .collect(Collectors.joining(", "))
                            + ", or all)"));
            if (kind == IncidentKind.WATCHED_LOCALE && watched.isEmpty()) {
                throw new UsageException("--incidents: watched_locale needs --watched-locales (the job's list)");
            }
            if (kind == IncidentKind.OUTDATED_VERSION && !versionsOlderExist) {
                throw new UsageException("--incidents: outdated_version needs --minimum-app-version (the job's),"
                        + " 1.0 or newer so that older versions exist");
            }
            kinds.add(kind);
        }
        return List.copyOf(kinds);
    }

    /** Records per second, or {@code max} (also {@code 0}): as fast as possible, which is 0 here. */
    static final class Rate implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            if (value.trim().equalsIgnoreCase("max")) {
                return 0.0;
            }
            return number(value, rate -> rate >= 0)
                    .orElseThrow(() -> new TypeConversionException(
                            "'" + value + "' is not a number of records per second, or max"));
        }
    }

    /** The finite number the text holds, if it passes the test. */
    private static Optional<Double> number(String value, DoublePredicate test) {
        try {
            double number = Double.parseDouble(value.trim());
            return Double.isFinite(number) && test.test(number) ? Optional.of(number) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static final class TimeLapse implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return number(value, factor -> factor > 0)
                    .orElseThrow(() -> new TypeConversionException("'" + value + "' is not a factor above 0"));
        }
    }

    static final class AtLeastTwo implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int number = new Converters.PositiveInt().convert(value);
            if (number < 2) {
                throw new TypeConversionException("'" + value + "' is too few: it takes at least 2");
            }
            return number;
        }
    }

    static final class Version implements ITypeConverter<AppVersion> {
        @Override
        public AppVersion convert(String value) {
            try {
                return AppVersion.parse(value.trim());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class PartitionNumber implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long number = new Converters.WholeNumber().convert(value);
            if (number < 0 || number > Integer.MAX_VALUE) {
                throw new TypeConversionException("'" + value + "' is not a partition number (0 or more)");
            }
            return (int) number;
        }
    }

    static final class EpochSeconds implements ITypeConverter<Instant> {
        /** Epoch seconds at or above this are milliseconds by mistake: as seconds they would be the year 5138. */
        private static final long MILLIS_AS_SECONDS = 100_000_000_000L;

        @Override
        public Instant convert(String value) {
            long seconds = new Converters.PositiveLong().convert(value);
            if (seconds >= MILLIS_AS_SECONDS) {
                throw new TypeConversionException("'" + value + "' looks like milliseconds; give epoch seconds");
            }
            return Instant.ofEpochSecond(seconds);
        }
    }
}
