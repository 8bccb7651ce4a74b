package com.logininsights;

import com.logininsights.config.DeliveryGuarantee;
import com.logininsights.config.Durations;
import com.logininsights.config.JobConfig;
import com.logininsights.config.JobFlags;
import com.logininsights.config.UsageException;
import com.logininsights.kafka.KafkaConnectors;
import com.logininsights.kafka.KafkaPreflight;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs login-insights. Submitted to a Flink cluster, it runs there; started with {@code java -jar} or from an IDE,
 * it starts a local MiniCluster with the Flink web UI.
 */
public final class LoginInsightsJob {
    private static final Logger LOG = LoggerFactory.getLogger(LoginInsightsJob.class);
    static final int USAGE_ERROR = 2;
    static final int PREFLIGHT_FAILED = 1;

    private LoginInsightsJob() {}

    public static void main(String[] args) throws Exception {
        if (JobFlags.wantsHelp(args)) {
            System.out.print(JobFlags.usage());
            return;
        }
        JobConfig config;
        try {
            config = JobFlags.parse(args);
        } catch (UsageException e) {
            System.err.println("login-insights: " + e.getMessage());
            System.err.println("Run with --help to see every flag.");
            System.exit(USAGE_ERROR);
            return;
        }
        List<String> problems = KafkaPreflight.problems(config);
        if (!problems.isEmpty()) {
            problems.forEach(problem -> System.err.println("login-insights: " + problem));
            System.exit(PREFLIGHT_FAILED);
            return;
        }
        StreamExecutionEnvironment env = environment(config);
        Topology.build(
                env,
                config,
                KafkaConnectors.source(config),
                new Topology.Sinks(
                        KafkaConnectors.enrichedSink(config),
                        KafkaConnectors.deadLetterSink(config),
                        KafkaConnectors.insightSink(config)));
        LOG.info(
                "Starting login-insights: {} -> {}, {}, {} on {} ({}, window {}, checkpoints every {}{})",
                config.inputTopic(),
                config.processedTopic(),
                config.deadLetterTopic(),
                config.insightsTopic(),
                config.bootstrapServers(),
                config.deliveryGuarantee().flagValue(),
                Durations.format(config.window()),
                Durations.format(config.checkpointInterval()),
                config.bounded() ? ", bounded" : "");
        env.execute("login-insights (" + config.groupId() + ")");
    }

    /** The cluster's environment when submitted; otherwise a local MiniCluster with the web UI. */
    static StreamExecutionEnvironment environment(JobConfig config) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (env instanceof LocalStreamEnvironment) {
            requireFreePort(config.webUiPort());
            Configuration local = new Configuration();
            local.set(RestOptions.PORT, config.webUiPort());
            local.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(local);
            LOG.info("Running in a local MiniCluster; Flink web UI on http://localhost:{}", config.webUiPort());
        }
        configure(env, config);
        return env;
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
        env.configure(pipeline);
        env.enableCheckpointing(
                config.checkpointInterval().toMillis(),
                config.deliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE
                        ? CheckpointingMode.EXACTLY_ONCE
                        : CheckpointingMode.AT_LEAST_ONCE);
        config.parallelism().ifPresent(env::setParallelism);
    }

    private static void requireFreePort(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            System.err.println("login-insights: port " + port + " (Flink web UI) is already in use; stop what uses"
                    + " it or pass --web-ui-port.");
            System.exit(USAGE_ERROR);
        }
    }
}
