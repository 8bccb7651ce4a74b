package com.logininsights.tools.generator;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The producer configuration: durable and ordered by default, overridable with --producer-property. */
final class ProducerSettings {
    /** How long a send or a metadata fetch may block: also how soon an unreachable broker is reported. */
    static final Duration DEFAULT_MAX_BLOCK = Duration.ofSeconds(30);

    private ProducerSettings() {}

    static Properties properties(GeneratorConfig config) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "login-insights-generator");
        // Retries without duplicates or reordering: the record counts the summary reports are exactly what landed.
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // TOO_LARGE records are 200 KiB on purpose: the producer must let them through for the job to reject them.
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(1024 * 1024));
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(DEFAULT_MAX_BLOCK.toMillis()));
        // delivery.timeout.ms must cover linger.ms + request.timeout.ms; a record that cannot land in 30 s is
        // counted as failed rather than retried for the default two minutes.
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        properties.putAll(config.producerProperties());
        return properties;
    }

    static Duration maxBlock(Properties properties) {
        try {
            Object maxBlockMs = properties.get(ProducerConfig.MAX_BLOCK_MS_CONFIG);
            return Duration.ofMillis(Long.parseLong(String.valueOf(maxBlockMs).trim()));
        } catch (NumberFormatException e) {
            return DEFAULT_MAX_BLOCK;
        }
    }
}
