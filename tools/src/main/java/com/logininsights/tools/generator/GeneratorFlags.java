package com.logininsights.tools.generator;

import com.logininsights.common.Topics;
import com.logininsights.tools.cli.Cli;
import com.logininsights.tools.cli.Converters;
import com.logininsights.tools.cli.DurationConverter;
import com.logininsights.tools.cli.HelpOption;
import com.logininsights.tools.cli.UsageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
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
            "Exit codes: 0 every record delivered, 1 the broker or a delivery failed, 2 a bad flag.",
            ""
        },
        sortOptions = false)
public final class GeneratorFlags implements Callable<Integer> {
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
            names = "--users",
            paramLabel = "N",
            defaultValue = "10000",
            converter = Converters.PositiveInt.class,
            description = "distinct users the records come from (default: ${DEFAULT-VALUE})")
    int users;

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
                properties,
                reportEvery,
                users);
    }

    /** Records per second, or {@code max} (also {@code 0}): as fast as possible, which is 0 here. */
    static final class Rate implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            if (value.trim().equalsIgnoreCase("max")) {
                return 0.0;
            }
            try {
                double rate = Double.parseDouble(value.trim());
                if (rate >= 0 && !Double.isInfinite(rate)) {
                    return rate;
                }
            } catch (NumberFormatException e) {
                // reported below, with what was expected
            }
            throw new TypeConversionException("'" + value + "' is not a number of records per second, or max");
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
