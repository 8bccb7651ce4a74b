package com.logininsights.cluster;

import com.logininsights.common.broker.LocalKafkaBroker;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The broker for input our generator writes from a fixed start time in the past: a process of its own, with the
 * Kafka classes from the tools jar, stopped with this JVM at the latest.
 */
final class ReplayBroker {
    private ReplayBroker() {}

    /** Built, not started: the caller starts it and closes it. */
    static LocalKafkaBroker in(Path dataDir, Path toolsJar) throws IOException {
        return LocalKafkaBroker.builder(dataDir)
                .kafkaClasspath(toolsJar.toString())
                // Every topic is created by the test, with the partitions it means.
                .serverProperty("auto.create.topics.enable", "false")
                // Keep every record whatever its timestamp: with a fixed start time the enriched events and alerts
                // (stamped with their event time) and the windows are months old, and time-based retention (7 days
                // by default) would delete them at the broker's next retention check.
                .serverProperty("log.retention.ms", "-1")
                .stopWhenThisJvmExits()
                .build();
    }
}
