package com.logininsights.tools.soak;

import com.logininsights.common.Durations;
import com.logininsights.tools.cli.Cli;
import com.logininsights.tools.cli.Converters;
import com.logininsights.tools.cli.DurationConverter;
import com.logininsights.tools.cli.JobFlagWords;
import com.logininsights.tools.cli.UsageException;
import com.logininsights.tools.generator.GeneratorFlags;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The soak's command line, read with picocli: every flag once, with its default and its help text. */
@Command(
        name = "scripts/soak",
        sortOptions = false,
        usageHelpWidth = 120,
        description = {
            "Runs login-insights against a real Kafka broker at a steady input rate for a long time, and samples the",
            "job's heap after GC, GC pauses, checkpoint duration and size, consumer lag and rates. Prints a line per",
            "sample, a summary table and a verdict (are heap and checkpoint size flat?), and writes samples.csv,",
            "soak.svg and summary.md to the results folder. Ctrl-C stops early and still writes what was measured.%n"
        },
        optionListHeading = "Flags:%n",
        footer = "%nDurations are written like 500ms, 10s, 1m or 2h. A bad flag exits with code 2.")
public final class SoakCommand {
    private static final Pattern HEAP_SIZE = Pattern.compile("[1-9][0-9]{0,6}[kKmMgG]");

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            defaultValue = "30m",
            converter = DurationConverter.Positive.class,
            description = "how long the generator writes and the soak samples (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(
            names = "--rate",
            paramLabel = "RECORDS/S",
            defaultValue = "5000",
            converter = Converters.PositiveInt.class,
            description = "records per second from our generator, 3%% of them malformed (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.Positive.class,
            description = "the job's --checkpoint-interval (default: ${DEFAULT-VALUE})")
    Duration checkpointInterval;

    @Option(
            names = "--sample-every",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.Positive.class,
            description = "time between two samples (default: ${DEFAULT-VALUE})")
    Duration sampleEvery;

    @Option(
            names = "--live-heap-every",
            paramLabel = "DURATION",
            defaultValue = "5m",
            converter = DurationConverter.class,
            description = "how often to ask the job's JVM for a full collection (jcmd GC.run), whose after-size is"
                    + " the live heap; 0 for never (default: ${DEFAULT-VALUE})")
    Duration liveHeapEvery;

    @Option(
            names = "--job-heap",
            paramLabel = "SIZE",
            defaultValue = "8g",
            converter = HeapSize.class,
            description = "the job JVM's maximum heap, as -Xmx takes it; at the default rate the signals keep ten"
                    + " minutes of addresses, three million, about 4 GiB live (default: ${DEFAULT-VALUE})")
    String jobHeap;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            converter = Converters.PositiveInt.class,
            description = "the job's --parallelism (default: the job's own, one per core)")
    Integer parallelism;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "3",
            converter = Converters.PositiveInt.class,
            description = "partitions of the input topic (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "the generator's seed, for the same records again (default: random)")
    Long seed;

    @Option(
            names = "--users",
            paramLabel = "N",
            converter = Converters.PositiveInt.class,
            description = "distinct users the generator's records come from, each once per round of that many"
                    + " records; the verdict then judges the samples after all of them were seen, and the summary"
                    + " gives the checkpoint's bytes per user (default: the generator's own, "
                    + GeneratorFlags.DEFAULT_USERS
                    + ", and the verdict as without)")
    Integer users;

    @Option(
            names = "--steady-after",
            paramLabel = "DURATION",
            defaultValue = "0s",
            converter = DurationConverter.class,
            description = "the verdict judges no sample before this: state kept for a span of event time levels off"
                    + " only once the span has passed, e.g. 10m for the job's --shared-within, every address seen in"
                    + " the last 10 minutes (default: ${DEFAULT-VALUE})")
    Duration steadyAfter;

    @Option(
            names = {"--job-flags", "--job-flag"},
            paramLabel = "\"FLAGS\"",
            converter = JobFlagsOfASoak.class,
            description =
                    "extra job flags, after the soak's own, e.g. \"--state-backend rocksdb\"; repeatable, each"
                            + " starting with a flag; not one the soak sets (its broker, group, topics, ports, checkpoints, parallelism) (default: none)")
    List<JobFlagWords> jobFlags = new ArrayList<>();

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "the results folder (default: soak-results/<date-time> in the checkout)")
    Path out;

    @Option(
            names = "--job-jar",
            paramLabel = "JAR",
            description = "the job's local jar (default: job/target/login-insights-local.jar)")
    Path jobJar;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "print this help and exit")
    boolean help;

    /** Reads a command line; throws {@link IllegalArgumentException} with a message that names the bad flag. */
    public static SoakConfig parse(String... args) {
        SoakCommand command;
        try {
            command = Cli.parse(new SoakCommand(), args);
        } catch (UsageException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (command.duration.compareTo(command.sampleEvery) < 0) {
            throw new IllegalArgumentException("--duration (" + Durations.format(command.duration)
                    + ") must be at least --sample-every (" + Durations.format(command.sampleEvery) + ")");
        }
        return new SoakConfig(
                command.duration,
                command.rate,
                command.checkpointInterval,
                command.sampleEvery,
                command.liveHeapEvery,
                command.jobHeap,
                command.parallelism == null ? OptionalInt.empty() : OptionalInt.of(command.parallelism),
                command.partitions,
                command.seed == null ? OptionalLong.empty() : OptionalLong.of(command.seed),
                Optional.ofNullable(command.out),
                Optional.ofNullable(command.jobJar),
                command.users == null ? OptionalInt.empty() : OptionalInt.of(command.users),
                command.steadyAfter,
                command.jobFlags.stream()
                        .flatMap(flags -> flags.words().stream())
                        .toList());
    }

    public static boolean wantsHelp(String... args) {
        return List.of(args).contains("--help") || List.of(args).contains("-h");
    }

    public static String usage() {
        return Cli.usage(new SoakCommand());
    }

    static final class JobFlagsOfASoak implements ITypeConverter<JobFlagWords> {
        @Override
        public JobFlagWords convert(String value) {
            return JobFlagWords.of(value, Soak.JOB_FLAGS_OF_THE_SOAK, "the soak");
        }
    }

    static final class HeapSize implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!HEAP_SIZE.matcher(value.trim()).matches()) {
                throw new TypeConversionException("'" + value + "' is not a heap size like 512m or 1g");
            }
            return value.trim();
        }
    }
}
