package com.logininsights.tools.bench.measure;

import java.time.Duration;

/** One end-to-end latency measurement of the job, running unbounded at parallelism 1 while the generator writes. */
public record LatencyScenario(String id, String title, boolean exactlyOnce, Duration checkpointInterval) {

    /** The job's default checkpoint interval, which is also how often exactly-once output becomes visible. */
    static final Duration JOB_DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    static LatencyScenario atLeastOnce() {
        return new LatencyScenario("lat-alo", "at-least-once", false, JOB_DEFAULT_CHECKPOINT_INTERVAL);
    }

    public static LatencyScenario exactlyOnce(Duration checkpointInterval) {
        return new LatencyScenario(
                "lat-eo-" + com.logininsights.common.Durations.format(checkpointInterval),
                "exactly-once",
                true,
                checkpointInterval);
    }
}
