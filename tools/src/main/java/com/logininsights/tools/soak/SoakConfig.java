package com.logininsights.tools.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What one soak runs and how it samples.
 *
 * @param liveHeapEvery how often a full collection is requested, so that its after-size shows the live heap; zero for
 *     never
 * @param jobHeap the job JVM's maximum heap, as {@code -Xmx} takes it ({@code 1g}, {@code 512m})
 * @param outDir the results folder; empty for {@code soak-results/<date-time>} in the checkout
 * @param jobJar the job's local jar; empty for {@code job/target/login-insights-local.jar} in the checkout
 * @param users the generator's pool of distinct users; empty for the generator's own default, and then the summary
 *     does not judge after all users were seen
 * @param jobFlags words appended to the job's command line, none of {@link Soak#JOB_FLAGS_OF_THE_SOAK}
 */
public record SoakConfig(
        Duration duration,
        int rate,
        Duration checkpointInterval,
        Duration sampleEvery,
        Duration liveHeapEvery,
        String jobHeap,
        OptionalInt parallelism,
        int partitions,
        OptionalLong seed,
        Optional<Path> outDir,
        Optional<Path> jobJar,
        OptionalInt users,
        Duration steadyAfter,
        List<String> jobFlags) {
    public SoakConfig {
        jobFlags = List.copyOf(jobFlags);
    }
}
