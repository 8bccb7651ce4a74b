package com.logininsights.local;

import com.logininsights.JobCannotStart;
import com.logininsights.config.JobConfig;
import com.logininsights.config.StateBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flink environment of a local run ({@code java -jar}, an IDE): a MiniCluster with the web UI, a restart
 * strategy that gives up, and, with {@code --checkpoint-dir}, checkpoints on disk that the next run resumes from.
 */
public final class LocalEnvironment {
    private static final Logger LOG = LoggerFactory.getLogger(LocalEnvironment.class);
    /** A failure that five restarts in a row cannot cure will not be cured by more; the run ends and says why. */
    static final int RESTARTS_BEFORE_GIVING_UP = 5;
    /**
     * RocksDB's block cache and write buffers come out of Flink's managed memory, which a local run sets to 128 MB
     * for all its slots: the signals' state of a million users then misses the cache on nearly every login.
     */
    static final MemorySize ROCKSDB_MANAGED_MEMORY = MemorySize.ofMebiBytes(1024);

    private LocalEnvironment() {}

    /** True when no Flink cluster submitted this program: it runs in its own process. */
    public static boolean isLocal() {
        return StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment;
    }

    public static StreamExecutionEnvironment create(JobConfig config) {
        requireFreePort(config.webUiPort());
        Configuration local = new Configuration();
        local.set(RestOptions.PORT, config.webUiPort());
        local.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        local.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        local.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        local.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(30));
        local.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, RESTARTS_BEFORE_GIVING_UP);
        local.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
                Duration.ofMinutes(2));
        config.checkpointDir()
                .ifPresentOrElse(dir -> keepCheckpointsIn(dir, local), () -> checkpointsForThisRunOnly(local));
        if (config.stateBackend() == StateBackend.ROCKSDB) {
            local.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, ROCKSDB_MANAGED_MEMORY);
            LOG.info(
                    "RocksDB state with {} of managed memory (outside the heap) for its caches",
                    ROCKSDB_MANAGED_MEMORY);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(local);
        LOG.info("Running in a local MiniCluster; Flink web UI on http://localhost:{}", config.webUiPort());
        return env;
    }

    /**
     * Without {@code --checkpoint-dir}, checkpoints still go to disk, to a folder deleted when the process ends. Left
     * to Flink's default, they would be kept in the JobManager's memory, which takes at most 5 MB of state per
     * operator: the signals' state of a few hundred thousand users is more, and every checkpoint would fail.
     */
    private static void checkpointsForThisRunOnly(Configuration local) {
        Path dir;
        try {
            dir = Files.createTempDirectory("login-insights-checkpoints-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder for this run's checkpoints", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LocalCheckpoints.deleteRecursively(dir)));
        local.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        local.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
    }

    /**
     * Checkpoints go to {@code dir} and stay when the process stops; the run resumes from the latest one and takes
     * it over, so that it is deleted once the new run has checkpointed past it.
     */
    private static void keepCheckpointsIn(Path dir, Configuration local) {
        LocalCheckpoints checkpoints = new LocalCheckpoints(dir);
        local.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        local.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                dir.toAbsolutePath().toUri().toString());
        local.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        checkpoints
                .latest()
                .ifPresentOrElse(
                        latest -> {
                            local.set(
                                    StateRecoveryOptions.SAVEPOINT_PATH,
                                    latest.toUri().toString());
                            local.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
                            LOG.info("Resuming from the latest checkpoint, {}", latest);
                        },
                        () -> LOG.info(
                                "No checkpoint in {} yet: starting afresh; checkpoints will be kept there", dir));
        checkpoints.removeEmptyRuns();
    }

    /** The innermost cause of a failed run, in one line. */
    public static String rootCause(Throwable failure) {
        Throwable root = ExceptionUtils.stripExecutionException(failure);
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + root.getMessage();
    }

    private static void requireFreePort(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw JobCannotStart.badUsage("port " + port + " (Flink web UI) is already in use; stop what uses it or"
                    + " pass --web-ui-port.");
        }
    }
}
