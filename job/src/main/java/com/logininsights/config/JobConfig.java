package com.logininsights.config;

import com.logininsights.common.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.flink.connector.base.DeliveryGuarantee;

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
        Optional<Path> checkpointDir,
        DeliveryGuarantee deliveryGuarantee,
        OptionalInt parallelism,
        boolean bounded,
        int maxRecordBytes,
        int maxValuesPerDimension,
        String transactionalIdPrefix,
        int webUiPort,
        KafkaClientProperties kafkaProperties) {

    /** The defaults, as {@code --help} shows them. */
    public static JobConfig defaults() {
        return JobFlags.parse(new String[0]);
    }

    /**
     * What the job runs with, for the web UI's job configuration tab: every setting but the Kafka client
     * properties' values, which may hold secrets (their names are listed).
     */
    public Map<String, String> describe() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap-servers", bootstrapServers);
        settings.put("input-topic", inputTopic);
        settings.put("processed-topic", processedTopic);
        settings.put("dead-letter-topic", deadLetterTopic);
        settings.put("insights-topic", insightsTopic);
        settings.put("group-id", groupId);
        settings.put("starting-offsets", startingOffsets.name().toLowerCase(java.util.Locale.ROOT));
        settings.put("window", Durations.format(window));
        settings.put("out-of-orderness", Durations.format(outOfOrderness));
        settings.put("idleness", Durations.format(idleness));
        settings.put(
                "advance-after-quiet", advanceAfterQuiet.map(Durations::format).orElse("off"));
        settings.put("allowed-lateness", Durations.format(allowedLateness));
        settings.put("max-future-skew", Durations.format(maxFutureSkew));
        settings.put("checkpoint-interval", Durations.format(checkpointInterval));
        settings.put("checkpoint-dir", checkpointDir.map(Path::toString).orElse("none"));
        settings.put("delivery-guarantee", JobFlags.flagValue(deliveryGuarantee));
        settings.put("parallelism", parallelism.isPresent() ? String.valueOf(parallelism.getAsInt()) : "default");
        settings.put("bounded", String.valueOf(bounded));
        settings.put("max-record-bytes", String.valueOf(maxRecordBytes));
        settings.put("max-values-per-dimension", String.valueOf(maxValuesPerDimension));
        settings.put("transactional-id-prefix", transactionalIdPrefix);
        settings.put("kafka-properties", String.join(",", kafkaProperties.names()));
        return settings;
    }
}
