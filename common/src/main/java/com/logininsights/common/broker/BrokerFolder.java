package com.logininsights.common.broker;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The broker's folder: its configuration (rewritten at each start), its log, and under {@code kafka-logs} its data,
 * which survives a restart.
 */
record BrokerFolder(Path path) {

    Path serverProperties() {
        return path.resolve("server.properties");
    }

    Path logConfig() {
        return path.resolve("broker-log4j2.properties");
    }

    Path log() {
        return path.resolve("broker.log");
    }

    Path logDir() {
        return path.resolve("kafka-logs");
    }

    Path tls() {
        return path.resolve("tls");
    }

    /** Writes the broker's settings, readable by this user alone: they may hold the keystore's password. */
    void writeConfiguration(Map<String, String> server) throws IOException {
        Files.createDirectories(path);
        Properties properties = new Properties();
        properties.putAll(server);
        Files.deleteIfExists(serverProperties());
        Files.createFile(
                serverProperties(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(serverProperties())) {
            properties.store(out, "written by login-insights; edits are overwritten at the next start");
        }
        Files.writeString(
                logConfig(),
                String.join(
                        "\n",
                        "rootLogger.level = WARN",
                        "rootLogger.appenderRef.out.ref = Out",
                        "appender.out.name = Out",
                        "appender.out.type = Console",
                        "appender.out.layout.type = PatternLayout",
                        "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                        "logger.server.name = kafka.server.KafkaRaftServer",
                        "logger.server.level = INFO",
                        ""));
    }

    void delete() throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
