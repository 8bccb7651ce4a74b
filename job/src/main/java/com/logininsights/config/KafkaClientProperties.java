package com.logininsights.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Kafka client settings for the source and every sink (security, timeouts, ...), gathered from three places, later
 * ones winning: a properties file ({@code --kafka-properties-file}, where a mounted Kubernetes secret would be),
 * environment variables named {@code LOGIN_INSIGHTS_KAFKA_<KEY>} ({@code LOGIN_INSIGHTS_KAFKA_SASL_JAAS_CONFIG} is
 * {@code sasl.jaas.config}), and {@code --kafka-property KEY=VALUE}. Passwords belong in the first two: a command
 * line shows in the process list and in a JobManager's log of a REST submission.
 *
 * <p>{@link #toString()} names the keys only, never a value.
 */
public final class KafkaClientProperties implements Serializable {
    public static final String ENVIRONMENT_PREFIX = "LOGIN_INSIGHTS_KAFKA_";
    private static final Pattern JAAS_USER = Pattern.compile("\\busername\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;\"]+))");

    private final Map<String, String> values;

    private KafkaClientProperties(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static KafkaClientProperties none() {
        return new KafkaClientProperties(Map.of());
    }

    /** Reads the file (if any) and the environment, then lays the command line's properties over them. */
    public static KafkaClientProperties gather(
            Path file, Map<String, String> environment, Map<String, String> commandLine) {
        Map<String, String> values = new LinkedHashMap<>();
        if (file != null) {
            values.putAll(readFile(file));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENVIRONMENT_PREFIX) && name.length() > ENVIRONMENT_PREFIX.length()) {
                values.put(
                        name.substring(ENVIRONMENT_PREFIX.length())
                                .toLowerCase(Locale.ROOT)
                                .replace('_', '.'),
                        value);
            }
        });
        commandLine.forEach((key, value) -> values.put(key.trim(), value.trim()));
        return new KafkaClientProperties(values);
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UsageException("cannot read --kafka-properties-file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties
                .stringPropertyNames()
                .forEach(name -> values.put(name, properties.getProperty(name).trim()));
        return values;
    }

    /**
     * The names among {@code names} that Kafka itself holds secret: settings of type PASSWORD for its consumer,
     * producer or admin client ({@code sasl.jaas.config}, {@code ssl.truststore.password}, ...), which its clients
     * log as {@code [hidden]}.
     */
    public static Set<String> secretNames(Collection<String> names) {
        Set<String> secrets = new TreeSet<>();
        for (ConfigDef definitions :
                List.of(ConsumerConfig.configDef(), ProducerConfig.configDef(), AdminClientConfig.configDef())) {
            for (String name : names) {
                ConfigDef.ConfigKey key = definitions.configKeys().get(name);
                if (key != null && key.type == ConfigDef.Type.PASSWORD) {
                    secrets.add(name);
                }
            }
        }
        return secrets;
    }

    /** The environment variable that gives the setting {@code name}. */
    public static String environmentVariable(String name) {
        return ENVIRONMENT_PREFIX + name.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /**
     * The principal the broker will take these settings for, where they tell: {@code User:ANONYMOUS} without a login
     * or certificate, the user of a PLAIN or SCRAM login. Empty for a TLS certificate, Kerberos or OAuth, which
     * the broker maps to a principal by rules of its own. Reads the user's name alone, never the password.
     */
    public Optional<String> principal() {
        String protocol = values.getOrDefault("security.protocol", "PLAINTEXT").toUpperCase(Locale.ROOT);
        if (protocol.equals("PLAINTEXT")) {
            return Optional.of("User:ANONYMOUS");
        }
        if (protocol.equals("SSL")) {
            return values.containsKey("ssl.keystore.location") || values.containsKey("ssl.keystore.certificate.chain")
                    ? Optional.empty()
                    : Optional.of("User:ANONYMOUS");
        }
        String mechanism = values.getOrDefault("sasl.mechanism", "GSSAPI").toUpperCase(Locale.ROOT);
        if (mechanism.equals("PLAIN") || mechanism.startsWith("SCRAM-")) {
            Matcher user = JAAS_USER.matcher(values.getOrDefault("sasl.jaas.config", ""));
            if (user.find()) {
                return Optional.of("User:" + (user.group(1) != null ? user.group(1) : user.group(2)));
            }
        }
        return Optional.empty();
    }

    public Map<String, String> asMap() {
        return values;
    }

    public Properties asProperties() {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Set<String> names() {
        return new TreeSet<>(values.keySet());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KafkaClientProperties that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "KafkaClientProperties" + names();
    }
}
