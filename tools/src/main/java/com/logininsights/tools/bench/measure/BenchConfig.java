package com.logininsights.tools.bench.measure;

import com.logininsights.tools.bench.contenders.Contender;
import com.logininsights.tools.bench.contenders.JobVariant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One benchmark's settings, as its command line ({@code BenchFlags}) gives them.
 *
 * @param only contender ids to run; empty runs them all
 * @param out the results file; empty means bench-results/DATE.md in the checkout
 * @param jobA login-insights as the contenders and the latency test run it; without a jar,
 *     job/target/login-insights-local.jar in the checkout
 * @param jobB the second login-insights of an A/B comparison: each login-insights contender runs from both; without a
 *     jar, A's
 * @param kafkaProperties Kafka client settings for every contender
 */
public record BenchConfig(
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
        JobVariant jobA,
        Optional<JobVariant> jobB,
        Map<String, String> kafkaProperties,
        int partitions) {

    /** The contenders of one turn, each login-insights contender followed by its (b) variant if there is one. */
    public List<Contender> contenders() {
        List<Contender> chosen = new ArrayList<>();
        for (Contender contender : Contender.all()) {
            if (only.isEmpty() || only.contains(contender.id())) {
                chosen.add(contender);
                if (contender.kind() == Contender.Kind.LOGIN_INSIGHTS && jobB.isPresent()) {
                    chosen.add(contender.asVariantB());
                }
            }
        }
        return chosen;
    }

    /**
     * At-least-once, then exactly-once at the job's default checkpoint interval and at 1 s. The quick run only
     * checks that the measurement works, with exactly-once at 1 s: the path through checkpoints and commits, in
     * the least time.
     */
    public List<LatencyScenario> latencyScenarios() {
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
