package com.logininsights.tools.bench;

import com.logininsights.tools.bench.contenders.Contender;
import com.logininsights.tools.bench.contenders.JobVariant;
import com.logininsights.tools.bench.measure.BenchConfig;
import com.logininsights.tools.cli.Cli;
import com.logininsights.tools.cli.Converters;
import com.logininsights.tools.cli.HelpOption;
import com.logininsights.tools.cli.JobFlagWords;
import com.logininsights.tools.cli.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** The benchmark's command line. {@code --quick} changes the defaults; flags given with it still win. */
@Command(
        name = "scripts/bench",
        customSynopsis = "scripts/bench [flags]",
        description = {
            "Starts a Kafka broker, preloads records from our generator (3%% malformed) and measures, taking turns:",
            "a kafka-clients copy (the ceiling), a hand-written consumer loop, a Flink SQL peer (the json format and",
            "a window TVF, exactly once), and login-insights --bounded at exactly-once and at-least-once, parallelism",
            "1 and 2 (each also from a second jar or with other JVM options, as rows marked (b), with --job-jar-b or",
            "--job-java-opts-b); then end-to-end latency of the running job.",
            "Prints a table at the end and writes it to a file. Exit codes: 0 everything measured, 1 a run failed or"
                    + " miscounted, 2 a bad flag, 130 stopped.",
            ""
        },
        sortOptions = false)
public final class BenchFlags implements Callable<Integer> {
    static final long DEFAULT_RECORDS = 1_000_000;
    static final long QUICK_RECORDS = 3_000;
    static final long DEFAULT_SEED = 20_261_123L;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--records",
            paramLabel = "N",
            converter = Converters.PositiveLong.class,
            description = "records to preload (default: 1000000; --quick: 3000)")
    Long records;

    @Option(
            names = "--runs",
            paramLabel = "K",
            converter = Converters.PositiveInt.class,
            description = "runs of each contender, taken in turns (default: 3; --quick: 1)")
    Integer runs;

    @Option(
            names = "--quick",
            description = "a few thousand records, one run, a short latency test: checks it still works")
    boolean quick;

    @Option(names = "--out", paramLabel = "FILE", description = "results file (default: bench-results/<date>.md)")
    Path out;

    @Option(
            names = "--only",
            paramLabel = "ID",
            split = ",",
            converter = ContenderId.class,
            completionCandidates = ContenderIds.class,
            description = "run only these contenders (a login-insights contender's (b) row comes with it):"
                    + " ${COMPLETION-CANDIDATES}")
    Set<String> only = new LinkedHashSet<>();

    @Option(names = "--no-latency", description = "skip the latency test")
    boolean noLatency;

    @Option(
            names = "--latency-rate",
            paramLabel = "N",
            converter = Converters.PositiveInt.class,
            description = "generator records/s during the latency test (default: 5000; --quick: 1000)")
    Integer latencyRate;

    @Option(
            names = "--latency-duration",
            paramLabel = "D",
            converter = AtLeastTwoSeconds.class,
            description = "how long the generator writes per latency scenario (default: 40s; --quick: 6s)")
    Duration latencyDuration;

    @Option(
            names = "--jfr",
            description = "record every login-insights run with Java Flight Recorder, next to the logs")
    boolean jfr;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "" + DEFAULT_SEED,
            converter = Converters.WholeNumber.class,
            description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--job-jar",
            paramLabel = "PATH",
            converter = BenchConverters.ExistingFile.class,
            description = "the job's local jar (default: job/target/login-insights-local.jar)")
    Path jobJar;

    @Option(
            names = "--job-java-opts",
            paramLabel = "\"OPTIONS\"",
            converter = BenchConverters.JavaOptionsConverter.class,
            description = "extra JVM options for login-insights, after the benchmark's own heap flags, in its"
                    + " contenders and the latency test, e.g. \"-XX:TieredStopAtLevel=1\" (default: none)")
    BenchConverters.JavaOptions jobJavaOpts;

    @Option(
            names = "--job-jar-b",
            paramLabel = "PATH",
            converter = BenchConverters.ExistingFile.class,
            description = "a second job jar: every login-insights contender also runs from it, in the same turns,"
                    + " as rows marked (b) (default: none)")
    Path jobJarB;

    @Option(
            names = "--job-java-opts-b",
            paramLabel = "\"OPTIONS\"",
            converter = BenchConverters.JavaOptionsConverter.class,
            description = "extra JVM options for the (b) rows; given without --job-jar-b, the (b) rows run the"
                    + " --job-jar with these options instead, and \"\" runs it with none (default: none)")
    BenchConverters.JavaOptions jobJavaOptsB;

    @Option(
            names = "--job-flags-b",
            paramLabel = "\"FLAGS\"",
            converter = BenchConverters.JobFlagsConverter.class,
            description = "extra job flags for the (b) rows, after the benchmark's own, e.g. \"--signals none\" to"
                    + " measure what the signals cost; without --job-jar-b the (b) rows run the --job-jar (default:"
                    + " none)")
    JobFlagWords jobFlagsB;

    @Option(
            names = "--job-kafka-property",
            paramLabel = "KEY=VALUE",
            converter = BenchConverters.KafkaSetting.class,
            description = "a Kafka client setting (repeatable), e.g. compression.type=none: login-insights gets it"
                    + " as --kafka-property, and the other contenders' consumers and producers get it too, so that"
                    + " the comparison stays one between programs (default: none)")
    List<Map.Entry<String, String>> jobKafkaProperties = new ArrayList<>();

    public static BenchConfig parse(String... args) throws UsageException {
        return Cli.parse(new BenchFlags(), args).config();
    }

    @Override
    public Integer call() throws Exception {
        return Benchmark.runAndReport(
                config(), spec.commandLine().getParseResult().originalArgs());
    }

    BenchConfig config() {
        long recordCount = records != null ? records : quick ? QUICK_RECORDS : DEFAULT_RECORDS;
        int runCount = runs != null ? runs : quick ? 1 : 3;
        int rate = latencyRate != null ? latencyRate : quick ? 1_000 : 5_000;
        Duration latencyFor =
                latencyDuration != null ? latencyDuration : quick ? Duration.ofSeconds(6) : Duration.ofSeconds(40);
        // The job is up before the generator starts; its JIT is not: skip a quarter of the generating time, at most
        // 10 s.
        Duration warmUp = Duration.ofSeconds(Math.min(10, latencyFor.toSeconds() / 4));
        return new BenchConfig(
                recordCount,
                runCount,
                quick,
                Optional.ofNullable(out),
                Set.copyOf(only),
                !noLatency,
                rate,
                latencyFor,
                warmUp,
                jfr,
                seed,
                JobVariant.a(Optional.ofNullable(jobJar), javaOptions(jobJavaOpts)),
                jobJarB == null && jobJavaOptsB == null && jobFlagsB == null
                        ? Optional.empty()
                        : Optional.of(JobVariant.b(
                                Optional.ofNullable(jobJarB),
                                javaOptions(jobJavaOptsB),
                                jobFlagsB == null ? List.of() : jobFlagsB.words())),
                kafkaProperties(),
                4);
    }

    private static List<String> javaOptions(BenchConverters.JavaOptions given) {
        return given == null ? List.of() : given.options();
    }

    private Map<String, String> kafkaProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        jobKafkaProperties.forEach(setting -> properties.put(setting.getKey(), setting.getValue()));
        return java.util.Collections.unmodifiableMap(properties);
    }

    /** The contenders' ids, for {@code --only} and its help. */
    static final class ContenderIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Contender.all().stream().map(Contender::id).iterator();
        }
    }

    static final class ContenderId implements ITypeConverter<String> {
        @Override
        public String convert(String id) {
            for (String known : new ContenderIds()) {
                if (known.equals(id)) {
                    return id;
                }
            }
            throw new TypeConversionException("no contender '" + id + "'; there are "
                    + Arrays.toString(
                            Contender.all().stream().map(Contender::id).toArray()));
        }
    }

    static final class AtLeastTwoSeconds extends com.logininsights.tools.cli.DurationConverter {
        @Override
        public Duration convert(String text) {
            Duration duration = super.convert(text);
            if (duration.toSeconds() < 2) {
                throw new TypeConversionException("must be at least 2s");
            }
            return duration;
        }
    }
}
