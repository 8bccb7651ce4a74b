package com.logininsights.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Everything the job can be told, typed and validated. {@link JobFlags} reads it from the command line. */
public record JobConfig(
        String bootstrapServers,
        String inputTopic,
        String processedTopic,
        String deadLetterTopic,
        String insightsTopic,
        String groupId,
        StartingOffsets startingOffsets,
        Duration window,
        Duration outOfOrderness,
        Duration idleness,
        Optional<Duration> advanceAfterQuiet,
        Duration allowedLateness,
        Duration maxFutureSkew,
        Duration checkpointInterval,
        DeliveryGuarantee deliveryGuarantee,
        OptionalInt parallelism,
        boolean bounded,
        int maxRecordBytes,
        String transactionalIdPrefix,
        int webUiPort,
        Map<String, String> kafkaProperties)
        implements Serializable {

    public JobConfig {
        kafkaProperties = Map.copyOf(kafkaProperties);
    }

    /** The defaults, as {@code --help} shows them. */
    public static JobConfig defaults() {
        return JobFlags.parse(new String[0]);
    }
}
