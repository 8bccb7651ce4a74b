package com.logininsights.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.config.JobFlags;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SinkSettingsTest {

    @Test
    void theSinksHaveOurDefaults() throws Exception {
        Properties properties = KafkaConnectors.producerProperties(JobFlags.parse(new String[0], java.util.Map.of()));

        assertThat(properties)
                .containsEntry("linger.ms", "10")
                .containsEntry("batch.size", "131072")
                .containsEntry("compression.type", "lz4")
                .containsEntry("transaction.timeout.ms", "300000");
    }

    @Test
    void whatTheUserPassesWinsOverOurDefaults() throws Exception {
        Properties properties = KafkaConnectors.producerProperties(JobFlags.parse(
                new String[] {"--kafka-property", "linger.ms=0", "--kafka-property", "compression.type=zstd"},
                java.util.Map.of()));

        assertThat(properties)
                .containsEntry("linger.ms", "0")
                .containsEntry("compression.type", "zstd")
                .containsEntry("batch.size", "131072");
    }
}
