package com.logininsights.tools.broker;

import java.nio.file.Path;

/**
 * Where and how the local broker runs.
 *
 * @param dataDir the broker's folder: its configuration, logs and, under {@code kafka-logs}, its data
 * @param classpath where the Kafka server classes are; the tools module's own classpath has them
 */
public record BrokerSettings(Path dataDir, int port, int controllerPort, String classpath) {

    public Path logDir() {
        return dataDir.resolve("kafka-logs");
    }
}
