package com.logininsights.tools;

import com.logininsights.common.kafka.CommittedReader;
import com.logininsights.tools.cli.Converters;
import com.logininsights.tools.cli.DurationConverter;
import com.logininsights.tools.cli.UsageException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Option;

/**
 * Where the broker is and how to talk to it, for the commands that read the job's output (a picocli mixin). Kafka
 * client settings come from three places, later ones winning, as for the job: a properties file, environment
 * variables named {@code LOGIN_INSIGHTS_KAFKA_<KEY>} ({@code LOGIN_INSIGHTS_KAFKA_SASL_JAAS_CONFIG} is
 * {@code sasl.jaas.config}), and {@code --kafka-property}. Passwords belong in the first two: a command line shows in
 * the process list.
 */
public final class KafkaClientOptions {
    static final String ENVIRONMENT_PREFIX = "LOGIN_INSIGHTS_KAFKA_";

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            defaultValue = "localhost:29092",
            converter = Converters.NonBlank.class,
            description = "Kafka brokers the job writes to (default: ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(
            names = "--kafka-properties-file",
            paramLabel = "FILE",
            description = "Kafka client settings from a properties file, for secrets (default: none)")
    Path propertiesFile;

    @Option(
            names = "--kafka-property",
            paramLabel = "KEY=VALUE",
            converter = Converters.KeyValue.class,
            description = "a Kafka client setting, e.g. security.protocol=SSL; repeatable; wins over the file and"
                    + " LOGIN_INSIGHTS_KAFKA_* environment variables (default: none)")
    List<Map.Entry<String, String>> properties = new ArrayList<>();

    @Option(
            names = "--connect-timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.Positive.class,
            description = "how long to wait for the broker (default: ${DEFAULT-VALUE})")
    Duration connectTimeout;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The settings from the file, this process's environment and the command line. */
    public Map<String, String> properties() throws UsageException {
        return properties(System.getenv());
    }

    Map<String, String> properties(Map<String, String> environment) throws UsageException {
        Map<String, String> settings = new LinkedHashMap<>();
        if (propertiesFile != null) {
            settings.putAll(readFile(propertiesFile));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENVIRONMENT_PREFIX) && name.length() > ENVIRONMENT_PREFIX.length()) {
                String key = name.substring(ENVIRONMENT_PREFIX.length())
                        .toLowerCase(Locale.ROOT)
                        .replace('_', '.');
                settings.put(key, value);
            }
        });
        properties.forEach(property -> settings.put(property.getKey(), property.getValue()));
        return settings;
    }

    /** A read_committed consumer ({@link CommittedConsumer}); settings the client rejects are a bad flag. */
    public KafkaConsumer<byte[], byte[]> consumer() throws UsageException {
        Map<String, String> settings = properties();
        try {
            return CommittedReader.consumer(bootstrapServers, settings);
        } catch (KafkaException e) {
            throw new UsageException("--kafka-property: the Kafka consumer rejects its settings: " + e.getMessage());
        }
    }

    private static Map<String, String> readFile(Path file) throws UsageException {
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            loaded.load(reader);
        } catch (IOException e) {
            throw new UsageException("--kafka-properties-file: cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        loaded.stringPropertyNames()
                .forEach(name -> settings.put(name, loaded.getProperty(name).trim()));
        return settings;
    }
}
