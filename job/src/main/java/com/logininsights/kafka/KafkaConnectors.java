package com.logininsights.kafka;

import com.logininsights.config.JobConfig;
import com.logininsights.insights.Insight;
import com.logininsights.model.DeadLetter;
import com.logininsights.model.LoginEvent;
import com.logininsights.model.ParseResult;
import com.logininsights.output.AlertJson;
import com.logininsights.output.DeadLetterJson;
import com.logininsights.output.EnrichedEventJson;
import com.logininsights.output.InsightJson;
import com.logininsights.output.OutputKeys;
import com.logininsights.output.Pseudonyms;
import com.logininsights.parse.LoginRecordParser;
import com.logininsights.parse.ParserSettings;
import com.logininsights.parse.WallClock;
import com.logininsights.signals.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Builds the job's Kafka source and sinks from its {@link JobConfig}. */
public final class KafkaConnectors {
    /**
     * Must outlast a checkpoint plus a restart, and stay under the broker's transaction.max.timeout.ms (15 min by
     * default). The connector's own default, 1 h, makes a job on a default broker fail at start.
     */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(5);

    private KafkaConnectors() {}

    public static ReadToEndSource source(JobConfig config) {
        return source(
                config,
                new LoginRecordDeserializer(new LoginRecordParser(ParserSettings.of(config), WallClock.SYSTEM)));
    }

    /**
     * The Kafka source, whose readers set a partition aside only once the broker shows it read to its end (see {@link
     * ReadToEndSource}); with another deserializer, tests wrap the real one to inject failures.
     */
    public static ReadToEndSource source(JobConfig config, KafkaRecordDeserializationSchema<ParseResult> deserializer) {
        KafkaSourceBuilder<ParseResult> builder = KafkaSource.<ParseResult>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setTopics(config.inputTopic())
                .setGroupId(config.groupId())
                .setStartingOffsets(startingOffsets(config))
                .setDeserializer(deserializer)
                .setProperties(config.kafkaProperties().asProperties())
                // Offsets are committed on checkpoints; they show progress to Kafka tools, and are where a job
                // started without a checkpoint resumes.
                .setProperty("commit.offsets.on.checkpoint", "true")
                .setProperty("isolation.level", "read_committed");
        if (config.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return new ReadToEndSource(
                builder.build(),
                config.outOfOrderness(),
                config.idleness(),
                config.advanceAfterQuiet().orElse(null),
                consumerProperties(config));
    }

    /** How the source's consumers connect: the brokers, the group and the user's client settings. */
    private static Properties consumerProperties(JobConfig config) {
        Properties properties = config.kafkaProperties().asProperties();
        properties.setProperty("bootstrap.servers", config.bootstrapServers());
        properties.setProperty("group.id", config.groupId());
        return properties;
    }

    /** The sinks' names, each a part of its transactional ids. */
    private static final String ENRICHED = "enriched";

    private static final String DEAD_LETTERS = "dead-letters";
    private static final String INSIGHTS = "insights";
    private static final String ALERTS = "alerts";

    public static KafkaSink<LoginEvent> enrichedSink(JobConfig config) {
        return sink(
                config,
                ENRICHED,
                new JsonRecordSerializer<>(
                        config.processedTopic(),
                        OutputKeys::enriched,
                        new EnrichedEventJson(
                                config.pseudonymKey().map(Pseudonyms::new).orElse(null))));
    }

    public static KafkaSink<DeadLetter> deadLetterSink(JobConfig config) {
        return sink(
                config,
                DEAD_LETTERS,
                new JsonRecordSerializer<>(config.deadLetterTopic(), OutputKeys::deadLetter, new DeadLetterJson()));
    }

    public static KafkaSink<Insight> insightSink(JobConfig config) {
        return sink(
                config,
                INSIGHTS,
                new JsonRecordSerializer<>(config.insightsTopic(), OutputKeys::insight, new InsightJson()));
    }

    public static KafkaSink<Alert> alertSink(JobConfig config) {
        return sink(
                config, ALERTS, new JsonRecordSerializer<>(config.alertsTopic(), OutputKeys::alert, new AlertJson()));
    }

    private static <T> KafkaSink<T> sink(JobConfig config, String name, KafkaRecordSerializationSchema<T> schema) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setKafkaProducerConfig(producerProperties(config))
                .setRecordSerializer(schema)
                // A small pool of transactional ids, reused: the connector's default takes a new id per sink subtask
                // per checkpoint, and the broker keeps each for a week (about 26,000 a day per subtask at 10 s).
                // The fault matrix passed under both; switching is one way, from a savepoint of the old naming.
                .setTransactionNamingStrategy(TransactionNamingStrategy.POOLING)
                .setDeliveryGuarantee(config.deliveryGuarantee())
                // Unique per sink and per job, and stable across restarts, so that a restarted job finds and
                // aborts its own lingering transactions and never fences another job's.
                .setTransactionalIdPrefix(transactionalIdPrefix(config, name))
                .build();
    }

    /** Whether a Kafka transactional id is one of this job's sinks' (the connector appends "-<subtask>-<number>"). */
    static boolean isOurs(String transactionalId, JobConfig config) {
        return List.of(ENRICHED, DEAD_LETTERS, INSIGHTS, ALERTS).stream()
                .anyMatch(name ->
                        transactionalId.matches(Pattern.quote(transactionalIdPrefix(config, name)) + "-\\d+-\\d+"));
    }

    private static String transactionalIdPrefix(JobConfig config, String sinkName) {
        return transactionalIdsPrefix(config) + sinkName;
    }

    /** What every transactional id of every sink starts with: the ACL on transactional ids names it. */
    static String transactionalIdsPrefix(JobConfig config) {
        return config.transactionalIdPrefix() + "-";
    }

    /** Our producer defaults, under whatever the user gave as Kafka client properties. */
    static Properties producerProperties(JobConfig config) {
        Properties properties = new Properties();
        properties.setProperty("transaction.timeout.ms", String.valueOf(TRANSACTION_TIMEOUT.toMillis()));
        // Bigger batches than Kafka's 16 KiB: at tens of thousands of records a second a batch then fills in
        // milliseconds, and each new batch costs a compression buffer and a broker request. The 10 ms of linger
        // is the most a record waits for its batch to fill.
        properties.setProperty("linger.ms", "10");
        properties.setProperty("batch.size", String.valueOf(128 * 1024));
        properties.setProperty("compression.type", "lz4");
        properties.putAll(config.kafkaProperties().asMap());
        return properties;
    }

    private static OffsetsInitializer startingOffsets(JobConfig config) {
        return switch (config.startingOffsets()) {
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
        };
    }
}
