package com.logininsights.tools.soak;

import java.nio.file.Path;
import java.time.Duration;
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
        Optional<Path> jobJar) {}
