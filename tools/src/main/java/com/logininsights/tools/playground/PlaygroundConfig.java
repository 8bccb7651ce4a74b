package com.logininsights.tools.playground;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What the playground runs.
 *
 * @param existingBroker a broker to use instead of starting one
 * @param duration how long to run before stopping by itself; empty means until Ctrl-C
 * @param withoutJob start everything but the job, which the user runs from an IDE with the flags printed
 */
public record PlaygroundConfig(
        Optional<String> existingBroker,
        int brokerPort,
        Path dataDir,
        boolean fresh,
        Duration window,
        Duration checkpointInterval,
        String rate,
        double badShare,
        int webUiPort,
        Optional<Duration> duration,
        boolean withoutJob) {}
