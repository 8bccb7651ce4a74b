package com.logininsights.tools.bench;

import com.logininsights.tools.generator.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the benchmark's command line. {@code --quick} changes the defaults; flags given with it still win. */
final class BenchFlags {
    static final long DEFAULT_RECORDS = 1_000_000;
    static final long QUICK_RECORDS = 3_000;
    static final long DEFAULT_SEED = 20_261_123L;

    static final String USAGE =
            """
            Usage: scripts/bench [flags]
            Starts a Kafka broker, preloads records from our generator (3%% malformed) and measures, taking turns:
            a kafka-clients copy (the ceiling), a hand-written consumer loop, and login-insights --bounded at
            exactly-once and at-least-once, parallelism 1 and 2; then end-to-end latency of the running job.
            Prints a table at the end and writes it to a file.

              --records N            records to preload (default 1000000; --quick: 3000)
              --runs K               runs of each contender, taken in turns (default 3; --quick: 1)
              --quick                a few thousand records, one run, a short latency test: checks it still works
              --out FILE             results file (default bench-results/<date>.md)
              --only ID[,ID...]      run only these contenders: %s
              --no-latency           skip the latency test
              --latency-rate N       generator records/s during the latency test (default 5000; --quick: 1000)
              --latency-duration D   how long the generator writes per latency scenario (default 40s; --quick: 6s)
              --jfr                  record every login-insights run with Java Flight Recorder, next to the logs
              --seed N               generator seed (default %d)
              --job-jar PATH         the job's local jar (default job/target/login-insights-local.jar)
              --help                 this text
            """.formatted(Contender.all().stream().map(Contender::id).collect(Collectors.joining(", ")), DEFAULT_SEED);

    private BenchFlags() {}

    static BenchConfig parse(String... args) {
        List<String> list = Arrays.asList(args);
        boolean quick = list.contains("--quick");
        long records = quick ? QUICK_RECORDS : DEFAULT_RECORDS;
        int runs = quick ? 1 : 3;
        Optional<Path> out = Optional.empty();
        Set<String> only = Set.of();
        boolean latency = true;
        int latencyRate = quick ? 1_000 : 5_000;
        Duration latencyDuration = quick ? Duration.ofSeconds(6) : Duration.ofSeconds(40);
        boolean jfr = false;
        long seed = DEFAULT_SEED;
        Optional<Path> jobJar = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--quick" -> {}
                case "--no-latency" -> latency = false;
                case "--jfr" -> jfr = true;
                case "--records" -> records = positive(flag, value(args, ++i, flag));
                case "--runs" -> runs = Math.toIntExact(positive(flag, value(args, ++i, flag)));
                case "--out" -> out = Optional.of(Path.of(value(args, ++i, flag)));
                case "--only" -> only = contenderIds(value(args, ++i, flag));
                case "--latency-rate" -> latencyRate = Math.toIntExact(positive(flag, value(args, ++i, flag)));
                case "--latency-duration" -> latencyDuration = Durations.parse(value(args, ++i, flag));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, flag));
                case "--job-jar" -> jobJar = Optional.of(Path.of(value(args, ++i, flag)));
                default -> throw new IllegalArgumentException("unknown flag " + flag + "; see --help");
            }
        }
        if (latencyDuration.toSeconds() < 2) {
            throw new IllegalArgumentException("--latency-duration must be at least 2s");
        }
        // The job is up before the generator starts; its JIT is not: skip a quarter of the generating time, at most
        // 10 s.
        Duration warmUp = Duration.ofSeconds(Math.min(10, latencyDuration.toSeconds() / 4));
        return new BenchConfig(
                records, runs, quick, out, only, latency, latencyRate, latencyDuration, warmUp, jfr, seed, jobJar, 4);
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }

    private static long positive(String flag, String text) {
        try {
            long value = Long.parseLong(text.replace("_", ""));
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(flag + " must be a positive whole number, not '" + text + "'");
    }

    private static Set<String> contenderIds(String text) {
        Set<String> known = Contender.all().stream().map(Contender::id).collect(Collectors.toSet());
        Set<String> ids = new HashSet<>(Arrays.asList(text.split(",")));
        for (String id : ids) {
            if (!known.contains(id)) {
                throw new IllegalArgumentException("--only: no contender '" + id + "'; there are " + known);
            }
        }
        return Set.copyOf(ids);
    }
}
