package com.logininsights.kafka;

import com.logininsights.config.DeliveryGuarantee;
import com.logininsights.config.JobConfig;
import com.logininsights.insights.InsightRecord;
import com.logininsights.model.DeadLetter;
import com.logininsights.model.LoginEvent;
import com.logininsights.model.ParseResult;
import com.logininsights.parse.LoginRecordParser;
import com.logininsights.parse.ParserSettings;
import com.logininsights.parse.WallClock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the job's Kafka source and sinks from its {@link JobConfig}. */
public final class KafkaConnectors {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaConnectors.class);

    /**
     * TEMPORARY, for the transactional-id evaluation of issue 12 (the fault matrix runs the job under each
     * strategy): {@code -Dlogininsights.transaction-naming=POOLING} on the JVM that builds the job (the JobManager,
     * for a REST submission) switches every sink's {@link TransactionNamingStrategy}. Not a supported setting; the
     * lead engineer turns the outcome into the job's own configuration.
     */
    static final String TRANSACTION_NAMING_PROPERTY = "logininsights.transaction-naming";

    /**
     * Must outlast a checkpoint plus a restart, and stay under the broker's transaction.max.timeout.ms (15 min by
     * default). The connector's own default, 1 h, makes a job on a default broker fail at start.
     */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(5);

    private KafkaConnectors() {}

    public static KafkaSource<ParseResult> source(JobConfig config) {
        return source(config, new LoginRecordDeserializer(parser(config, WallClock.SYSTEM)));
    }

    /** The source with another deserializer: tests wrap the real one to inject failures. */
    public static KafkaSource<ParseResult> source(
            JobConfig config, KafkaRecordDeserializationSchema<ParseResult> deserializer) {
        KafkaSourceBuilder<ParseResult> builder = KafkaSource.<ParseResult>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setTopics(config.inputTopic())
                .setGroupId(config.groupId())
                .setStartingOffsets(startingOffsets(config))
                .setDeserializer(deserializer)
                .setProperties(kafkaProperties(config))
                // Offsets are committed on checkpoints; they show progress to Kafka tools, and are where a job
                // started without a checkpoint resumes.
                .setProperty("commit.offsets.on.checkpoint", "true")
                .setProperty("isolation.level", "read_committed");
        if (config.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    public static LoginRecordParser parser(JobConfig config, WallClock clock) {
        return new LoginRecordParser(
                new ParserSettings(
                        config.maxRecordBytes(), config.maxFutureSkew().toMillis()),
                clock);
    }

    public static KafkaSink<LoginEvent> enrichedSink(JobConfig config) {
        return sink(config, "enriched", config.processedTopic(), new EnrichedEventSerializer(config.processedTopic()));
    }

    public static KafkaSink<DeadLetter> deadLetterSink(JobConfig config) {
        return sink(
                config, "dead-letters", config.deadLetterTopic(), new DeadLetterSerializer(config.deadLetterTopic()));
    }

    public static KafkaSink<InsightRecord> insightSink(JobConfig config) {
        return sink(config, "insights", config.insightsTopic(), new InsightSerializer(config.insightsTopic()));
    }

    private static <T> KafkaSink<T> sink(
            JobConfig config, String name, String topic, KafkaRecordSerializationSchema<T> schema) {
        TransactionNamingStrategy naming = transactionNaming();
        LOG.info("Kafka sink '{}': transaction naming {}", name, naming);
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setKafkaProducerConfig(producerProperties(config))
                .setRecordSerializer(new KnownTopic<>(topic, schema))
                .setTransactionNamingStrategy(naming)
                .setDeliveryGuarantee(
                        config.deliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE
                                ? org.apache.flink.connector.base.DeliveryGuarantee.EXACTLY_ONCE
                                : org.apache.flink.connector.base.DeliveryGuarantee.AT_LEAST_ONCE)
                // Unique per sink and per job, and stable across restarts, so that a restarted job finds and
                // aborts its own lingering transactions and never fences another job's.
                .setTransactionalIdPrefix(config.transactionalIdPrefix() + "-" + name)
                .build();
    }

    /** See {@link #TRANSACTION_NAMING_PROPERTY}; without it, the connector's default (INCREMENTING). */
    static TransactionNamingStrategy transactionNaming() {
        String name = System.getProperty(TRANSACTION_NAMING_PROPERTY);
        return name == null
                ? TransactionNamingStrategy.DEFAULT
                : TransactionNamingStrategy.valueOf(name.strip().toUpperCase(Locale.ROOT));
    }

    /**
     * A serializer that also names the one topic it writes to: POOLING needs that, to list the open transactions on
     * the sink's topics when it starts and abort those it owns.
     */
    private static final class KnownTopic<T> implements KafkaRecordSerializationSchema<T>, KafkaDatasetFacetProvider {
        private static final long serialVersionUID = 1L;
        private final String topic;
        private final KafkaRecordSerializationSchema<T> serializer;

        KnownTopic(String topic, KafkaRecordSerializationSchema<T> serializer) {
            this.topic = topic;
            this.serializer = serializer;
        }

        @Override
        public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext)
                throws Exception {
            serializer.open(context, sinkContext);
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
            return serializer.serialize(element, context, timestamp);
        }

        @Override
        public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
            return Optional.of(new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(List.of(topic))));
        }
    }

    /** Our producer defaults, under whatever the user passed with --kafka-property. */
    static Properties producerProperties(JobConfig config) {
        Properties properties = new Properties();
        properties.setProperty("transaction.timeout.ms", String.valueOf(TRANSACTION_TIMEOUT.toMillis()));
        // Bigger batches than Kafka's 16 KiB: at tens of thousands of records a second a batch then fills in
        // milliseconds, and each new batch costs a compression buffer and a broker request. The 10 ms of linger
        // is the most a record waits for its batch to fill.
        properties.setProperty("linger.ms", "10");
        properties.setProperty("batch.size", String.valueOf(128 * 1024));
        properties.setProperty("compression.type", "lz4");
        properties.putAll(config.kafkaProperties());
        return properties;
    }

    private static OffsetsInitializer startingOffsets(JobConfig config) {
        return switch (config.startingOffsets()) {
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
        };
    }

    private static Properties kafkaProperties(JobConfig config) {
        Properties properties = new Properties();
        properties.putAll(config.kafkaProperties());
        return properties;
    }
}
