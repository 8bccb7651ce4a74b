package com.logininsights.benchsql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.config.TableConfigOptions;
import org.apache.flink.util.FileUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Runs {@code login-insights.sql} in a local MiniCluster, bounded: reads the input topic up to the offsets present
 * at start, writes every accepted login and the window insights exactly once, and exits 0 when the last transaction
 * is committed, 1 if the job fails (no restarts: a benchmark run that fails must say so), 2 for a bad flag.
 */
@Command(
        name = "flink-sql-peer",
        description = "login-insights' insights as a few dozen lines of Flink SQL (the json format, a window TVF),"
                + " run bounded and exactly once in a local MiniCluster: the benchmark's Flink SQL contender.",
        sortOptions = false,
        mixinStandardHelpOptions = true)
public final class FlinkSqlPeer implements Callable<Integer> {
    static final String SCRIPT = "login-insights.sql";

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "Kafka brokers")
    String bootstrapServers;

    @Option(names = "--input-topic", required = true, paramLabel = "TOPIC", description = "raw login records")
    String inputTopic;

    @Option(names = "--processed-topic", required = true, paramLabel = "TOPIC", description = "accepted logins")
    String processedTopic;

    @Option(names = "--insights-topic", required = true, paramLabel = "TOPIC", description = "window insights")
    String insightsTopic;

    @Option(
            names = "--group-id",
            required = true,
            paramLabel = "ID",
            description = "consumer group and prefix of" + " the transactional ids")
    String groupId;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "1",
            converter = Positive.class,
            description = "parallelism of every operator (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = Interval.class,
            description = "how often transactions commit; 500ms, 10s or 1m (default: ${DEFAULT-VALUE}, as the job's)")
    Duration checkpointInterval;

    @Option(
            names = "--kafka-property",
            paramLabel = "KEY=VALUE",
            description = "a Kafka client property for the source and both sinks (repeatable); it overrides the"
                    + " script's")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new FlinkSqlPeer()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<String> statements = SqlScript.resource(SCRIPT)
                .fill(Map.of(
                        "bootstrap.servers", bootstrapServers,
                        "input.topic", inputTopic,
                        "processed.topic", processedTopic,
                        "insights.topic", insightsTopic,
                        "group.id", groupId))
                .statements();
        TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.newInstance()
                .inStreamingMode()
                .withConfiguration(configuration())
                .build());
        long started = System.nanoTime();
        TableResult last = null;
        boolean propertiesApplied = false;
        for (String statement : statements) {
            if (!propertiesApplied && writes(statement)) {
                applyKafkaProperties(tables);
                propertiesApplied = true;
            }
            last = tables.executeSql(statement);
        }
        if (last == null || last.getJobClient().isEmpty()) {
            System.err.println("flink-sql-peer: " + SCRIPT + " starts no job");
            return 1;
        }
        System.out.println("flink-sql-peer: job " + last.getJobClient().get().getJobID() + " running");
        try {
            last.await();
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            System.err.println("flink-sql-peer: the job failed: " + root);
            return 1;
        }
        System.out.printf(Locale.ROOT, "flink-sql-peer: finished in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private Configuration configuration() throws IOException {
        Configuration configuration = new Configuration();
        configuration.set(PipelineOptions.NAME, "flink-sql-peer " + groupId);
        configuration.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        configuration.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        // On disk, as login-insights' own local runs: Flink's default keeps checkpoints in the JobManager's memory,
        // at most 5 MB of state per operator, and the exact distinct counts of a million records' windows passed that
        // (a benchmark run failed on it, depending on where in the input its checkpoints fell).
        configuration.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        configuration.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                checkpointsForThisRun().toUri().toString());
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // Window starts and ends in UTC, as login-insights writes them.
        configuration.set(TableConfigOptions.LOCAL_TIME_ZONE, "UTC");
        configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        configuration.set(RestOptions.BIND_PORT, "0");
        return configuration;
    }

    private static Path checkpointsForThisRun() throws IOException {
        Path dir = Files.createTempDirectory("flink-sql-peer-checkpoints-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileUtils.deleteDirectoryQuietly(dir.toFile())));
        return dir;
    }

    private static boolean writes(String statement) {
        String start = statement.toUpperCase(Locale.ROOT);
        return start.startsWith("INSERT") || start.startsWith("EXECUTE");
    }

    /** Lays the {@code --kafka-property} settings over the ones in the script, on every table it defines. */
    private void applyKafkaProperties(TableEnvironment tables) {
        if (kafkaProperties.isEmpty()) {
            return;
        }
        Set<String> views = new HashSet<>(List.of(tables.listViews()));
        List<String> options = new ArrayList<>();
        kafkaProperties.forEach((key, value) -> options.add("'properties."
                + key.strip().replace("'", "''") + "' = '" + value.strip().replace("'", "''") + "'"));
        for (String table : tables.listTables()) {
            if (!views.contains(table)) {
                tables.executeSql("ALTER TABLE `" + table + "` SET (" + String.join(", ", options) + ")");
            }
        }
    }

    static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int number = Integer.parseInt(value.trim());
            if (number < 1) {
                throw new TypeConversionException("'" + value + "' is not a positive whole number");
            }
            return number;
        }
    }

    /** {@code 500ms}, {@code 10s} or {@code 1m}. */
    static final class Interval implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            var matcher = java.util.regex.Pattern.compile("(\\d+)(ms|s|m)").matcher(value.trim());
            if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
                throw new TypeConversionException("'" + value + "' is not a duration such as 500ms, 10s or 1m");
            }
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
        }
    }
}
