package com.logininsights.testing;

import com.logininsights.LoginInsightsJob;
import com.logininsights.Topology;
import com.logininsights.config.JobConfig;
import com.logininsights.config.JobFlags;
import com.logininsights.config.KafkaClientProperties;
import com.logininsights.kafka.KafkaConnectors;
import com.logininsights.kafka.LoginRecordDeserializer;
import com.logininsights.model.ParseResult;
import com.logininsights.parse.LoginRecordParser;
import com.logininsights.parse.ParserSettings;
import com.logininsights.parse.WallClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** Builds the real job, with real Kafka source and sinks, for the MiniCluster a test runs. */
public final class JobRun {
    private JobRun() {}

    /** The Flink MiniCluster every job test runs on: one TaskManager with two slots, like a small real one. */
    public static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(2)
                .build());
    }

    /** One TaskManager with {@code slots} slots, whose metrics the test reads from {@code metrics}. */
    public static MiniClusterExtension miniCluster(int slots, InMemoryReporter metrics) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(slots)
                .setConfiguration(metrics.addToConfiguration(new Configuration()))
                .build());
    }

    /** The job's flags for a test: its own topics and group, short checkpoints, and any extra flags. */
    public static JobConfig config(KafkaBroker broker, String prefix, String... extra) {
        return JobFlags.parse(flags(broker, prefix, extra).toArray(String[]::new));
    }

    /**
     * As {@link #config}, logged in as {@code user} of a secure broker, its settings given as a Kubernetes secret would
     * give them: in {@code LOGIN_INSIGHTS_KAFKA_*} environment variables.
     */
    public static JobConfig configAs(String user, KafkaBroker broker, String prefix, String... extra) {
        Map<String, String> environment = new HashMap<>();
        broker.clientSecurity(user)
                .forEach((key, value) -> environment.put(KafkaClientProperties.environmentVariable(key), value));
        return JobFlags.parse(flags(broker, prefix, extra).toArray(String[]::new), environment);
    }

    /** The command line of {@link #config}: for a test that runs the job as its own process. */
    public static List<String> flags(KafkaBroker broker, String prefix, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-servers", broker.bootstrapServers(),
                "--input-topic", prefix + "-in",
                "--processed-topic", prefix + "-processed",
                "--dead-letter-topic", prefix + "-dlq",
                "--insights-topic", prefix + "-insights",
                "--alerts-topic", prefix + "-alerts",
                "--group-id", prefix,
                "--checkpoint-interval", "1s"));
        args.addAll(Arrays.asList(extra));
        return args;
    }

    /** The five topics of a job started with {@link #flags}. */
    public static void createTopics(KafkaBroker broker, String prefix, int inputPartitions) throws Exception {
        broker.createTopic(prefix + "-in", inputPartitions);
        broker.createTopic(prefix + "-processed", 2);
        broker.createTopic(prefix + "-dlq", 1);
        broker.createTopic(prefix + "-insights", 1);
        broker.createTopic(prefix + "-alerts", 2);
    }

    public static void createTopics(KafkaBroker broker, JobConfig config, int inputPartitions) throws Exception {
        createTopics(broker, config.groupId(), inputPartitions);
    }

    public static StreamExecutionEnvironment build(
            JobConfig config, KafkaRecordDeserializationSchema<ParseResult> deserializer) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LoginInsightsJob.configure(env, config);
        Topology.build(
                env,
                config,
                KafkaConnectors.source(config, deserializer),
                new Topology.Sinks(
                        KafkaConnectors.enrichedSink(config),
                        KafkaConnectors.deadLetterSink(config),
                        KafkaConnectors.insightSink(config),
                        KafkaConnectors.alertSink(config)));
        return env;
    }

    public static LoginRecordDeserializer realDeserializer(JobConfig config) {
        return new LoginRecordDeserializer(new LoginRecordParser(ParserSettings.of(config), WallClock.SYSTEM));
    }

    /** Runs a --bounded job to its end. */
    public static void runToEnd(JobConfig config) throws Exception {
        build(config, realDeserializer(config)).execute("login-insights test");
    }

    /** Starts an unbounded job and returns at once. */
    public static JobClient start(JobConfig config, KafkaRecordDeserializationSchema<ParseResult> deserializer)
            throws Exception {
        return build(config, deserializer).executeAsync("login-insights test");
    }
}
