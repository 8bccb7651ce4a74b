package com.logininsights;

import com.logininsights.common.Durations;
import com.logininsights.config.JobConfig;
import com.logininsights.config.JobFlags;
import com.logininsights.config.KafkaClientProperties;
import com.logininsights.config.StateBackend;
import com.logininsights.config.UsageException;
import com.logininsights.kafka.KafkaConnectors;
import com.logininsights.kafka.KafkaPreflight;
import com.logininsights.local.LocalEnvironment;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs login-insights: flags, then a check that Kafka is ready, then the topology, then execution. Submitted to a
 * Flink cluster, it runs there; started with {@code java -jar} or from an IDE (main class {@link Main}), it starts a
 * local MiniCluster with the Flink web UI.
 */
public final class LoginInsightsJob {
    private static final Logger LOG = LoggerFactory.getLogger(LoginInsightsJob.class);

    private LoginInsightsJob() {}

    /**
     * @throws JobCannotStart for a bad flag, an unreachable broker or a missing topic
     * @throws Exception when the job ran and failed (a local or bounded run waits for the end)
     */
    public static void run(String[] args) throws Exception {
        if (JobFlags.wantsHelp(args)) {
            System.out.print(JobFlags.usage());
            return;
        }
        JobConfig config;
        try {
            config = JobFlags.parse(args);
        } catch (UsageException e) {
            throw JobCannotStart.badUsage(e.getMessage());
        }
        for (String secret : JobFlags.secretsOnCommandLine(args)) {
            LOG.warn(
                    "--kafka-property {} holds a secret, and a command line shows in the process list: give it in"
                            + " --kafka-properties-file or in the environment variable {} instead",
                    secret,
                    KafkaClientProperties.environmentVariable(secret));
        }
        List<String> problems = KafkaPreflight.problems(config);
        if (!problems.isEmpty()) {
            throw JobCannotStart.notReady(String.join("; ", problems));
        }
        StreamExecutionEnvironment env = LocalEnvironment.isLocal()
                ? LocalEnvironment.create(config)
                : StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, config);
        Topology.build(
                env,
                config,
                KafkaConnectors.source(config),
                new Topology.Sinks(
                        KafkaConnectors.enrichedSink(config),
                        KafkaConnectors.deadLetterSink(config),
                        KafkaConnectors.insightSink(config),
                        KafkaConnectors.alertSink(config)));
        LOG.info(
                "Starting login-insights: {} -> {}, {}, {}, {} on {} ({}, window {}, checkpoints every {}{})",
                config.inputTopic(),
                config.processedTopic(),
                config.deadLetterTopic(),
                config.insightsTopic(),
                config.signals().isEmpty() ? "no signals" : config.alertsTopic(),
                config.bootstrapServers(),
                config.describe().get("delivery-guarantee"),
                Durations.format(config.window()),
                Durations.format(config.checkpointInterval()),
                config.bounded() ? ", bounded" : "");
        env.execute("login-insights (" + config.groupId() + ")");
    }

    /** The settings the job needs wherever it runs. */
    public static void configure(StreamExecutionEnvironment env, JobConfig config) {
        Configuration pipeline = new Configuration();
        // Every type in the job has a Flink serializer; Kryo would only creep in by mistake, and its state cannot
        // evolve. Fail at job build time instead.
        pipeline.set(PipelineOptions.GENERIC_TYPES, false);
        // Our records are immutable and no function keeps one after passing it on, so chained operators can hand
        // each other the same object instead of a deep copy per record per operator.
        pipeline.set(PipelineOptions.OBJECT_REUSE, true);
        if (config.stateBackend() == StateBackend.ROCKSDB) {
            // Flink 2.x names the backend by its type; incremental checkpoints upload only the new RocksDB files,
            // so a checkpoint costs what changed since the last one, not the whole key space.
            pipeline.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
            pipeline.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        }
        env.configure(pipeline);
        // What the job runs with, on the web UI's job configuration tab.
        env.getConfig().setGlobalJobParameters(Configuration.fromMap(config.describe()));
        env.enableCheckpointing(
                config.checkpointInterval().toMillis(),
                config.deliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE
                        ? CheckpointingMode.EXACTLY_ONCE
                        : CheckpointingMode.AT_LEAST_ONCE);
        config.parallelism().ifPresent(env::setParallelism);
    }
}
