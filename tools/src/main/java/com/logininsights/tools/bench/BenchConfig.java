package com.logininsights.tools.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One benchmark's settings (see {@link BenchFlags}).
 *
 * @param only contender ids to run; empty runs them all
 * @param out the results file; empty means bench-results/DATE.md in the checkout
 * @param jobJar the job's local jar; empty means job/target/login-insights-local.jar in the checkout
 */
record BenchConfig(
        long records,
        int runs,
        boolean quick,
        Optional<Path> out,
        Set<String> only,
        boolean latency,
        int latencyRate,
        Duration latencyDuration,
        Duration latencyWarmUp,
        boolean jfr,
        long seed,
        Optional<Path> jobJar,
        int partitions) {

    List<Contender> contenders() {
        return Contender.all().stream()
                .filter(c -> only.isEmpty() || only.contains(c.id()))
                .toList();
    }

    /**
     * At-least-once, then exactly-once at the job's default checkpoint interval and at 1 s. The quick run only
     * checks that the measurement works, with exactly-once at 1 s: the path through checkpoints and commits, in
     * the least time.
     */
    List<LatencyScenario> latencyScenarios() {
        if (!latency) {
            return List.of();
        }
        LatencyScenario oneSecond = LatencyScenario.exactlyOnce(Duration.ofSeconds(1));
        return quick
                ? List.of(oneSecond)
                : List.of(
                        LatencyScenario.atLeastOnce(),
                        LatencyScenario.exactlyOnce(LatencyScenario.JOB_DEFAULT_CHECKPOINT_INTERVAL),
                        oneSecond);
    }
}
