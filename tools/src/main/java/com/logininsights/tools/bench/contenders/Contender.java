package com.logininsights.tools.bench.contenders;

import com.logininsights.common.Ports;
import com.logininsights.tools.ChildProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One program the benchmark measures, and how to start it as a child JVM on one run's fresh topics and group.
 *
 * @param id short name for {@code --only} and for file names
 * @param variantB runs login-insights from the second jar or with the second JVM options ({@code --job-jar-b},
 *     {@code --job-java-opts-b})
 */
public record Contender(String id, String title, Kind kind, boolean exactlyOnce, int parallelism, boolean variantB) {

    public enum Kind {
        CEILING,
        HAND_LOOP,
        FLINK_SQL,
        LOGIN_INSIGHTS
    }

    /**
     * The same heap for every contender; Flink's add-opens come from the local jars' manifests. 3 GB because the
     * signals keep each address for ten minutes of event time and the preloaded input gives every login a new one
     * within a few minutes, so at its end every address is in state (a million records ran in 2 GB; in 1 GB the job
     * collected garbage for minutes). A heap too small ends the run at its first OutOfMemoryError, not at the run's
     * timeout.
     */
    public static final List<String> JVM_FLAGS = List.of("-Xmx3g", ChildProcess.EXIT_ON_OUT_OF_MEMORY);

    /**
     * What every launch needs besides the run's topics.
     *
     * @param kafkaProperties {@code --job-kafka-property}: for every contender's Kafka clients
     */
    public record Launch(
            String bootstrapServers,
            String toolsClasspath,
            JobVariant jobA,
            Optional<JobVariant> jobB,
            Path sqlPeerJar,
            Map<String, String> kafkaProperties,
            Optional<Path> jfrDir) {

        JobVariant job(boolean variantB) {
            return variantB
                    ? jobB.orElseThrow(() -> new IllegalStateException("no second job jar or JVM options"))
                    : jobA;
        }
    }

    static final Contender CEILING_AT_LEAST_ONCE =
            new Contender("ceiling-alo", "ceiling: kafka-clients copy, at-least-once", Kind.CEILING, false, 1, false);
    /** The Flink SQL peer's jar, in the checkout. */
    public static final Path SQL_PEER_JAR = Path.of("bench-sql/target/login-insights-bench-sql.jar");

    public static final Contender CEILING_TRANSACTIONS =
            new Contender("ceiling-tx", "ceiling: kafka-clients copy, transactions", Kind.CEILING, true, 1, false);
    public static final Contender HAND_LOOP = new Contender(
            "hand-loop-tx", "hand-written loop: parse + validate, transactions", Kind.HAND_LOOP, true, 1, false);
    public static final Contender FLINK_SQL = new Contender(
            "sql-eo-p1", "Flink SQL peer: json format + window TVF, exactly-once p1", Kind.FLINK_SQL, true, 1, false);

    /** Every contender of one turn, in the table's order; the (b) rows are made from these. */
    public static List<Contender> all() {
        return List.of(
                CEILING_AT_LEAST_ONCE,
                CEILING_TRANSACTIONS,
                HAND_LOOP,
                FLINK_SQL,
                loginInsights(true, 1),
                loginInsights(true, 2),
                loginInsights(false, 1),
                loginInsights(false, 2));
    }

    public static Contender loginInsights(boolean exactlyOnce, int parallelism) {
        String guarantee = exactlyOnce ? "exactly-once" : "at-least-once";
        return new Contender(
                "li-" + (exactlyOnce ? "eo" : "alo") + "-p" + parallelism,
                "login-insights " + guarantee + " p" + parallelism,
                Kind.LOGIN_INSIGHTS,
                exactlyOnce,
                parallelism,
                false);
    }

    /** The same login-insights contender run from the second jar or with the second JVM options. */
    public Contender asVariantB() {
        if (kind != Kind.LOGIN_INSIGHTS || variantB) {
            throw new IllegalStateException(id + " has no (b) variant");
        }
        return new Contender(id + "-b", title + " (b)", kind, exactlyOnce, parallelism, true);
    }

    /**
     * Whether every input record comes out, as an enriched event or a dead letter (or, for the ceiling, a copy).
     * The SQL peer writes the records it accepts and drops the rest without a trace.
     */
    public boolean writesEveryRecord() {
        return kind != Kind.FLINK_SQL;
    }

    /**
     * Why a run's output count is wrong, if it is: every input record exactly once, or for the SQL peer at least
     * every valid record and at most every record (malformed ones that the json format accepts are written too).
     */
    public Optional<String> miscount(long outputRecords, long inputRecords, long validRecords) {
        if (writesEveryRecord() && outputRecords != inputRecords) {
            return Optional.of(String.format(Locale.ROOT, "%,d of %,d records came out", outputRecords, inputRecords));
        }
        if (!writesEveryRecord() && (outputRecords < validRecords || outputRecords > inputRecords)) {
            return Optional.of(String.format(
                    Locale.ROOT,
                    "%,d records came out, not from %,d (the valid ones) to %,d (all)",
                    outputRecords,
                    validRecords,
                    inputRecords));
        }
        return Optional.empty();
    }

    /** Whether it writes window insights that can be set beside another contender's. */
    public boolean writesWindowFigures() {
        return kind == Kind.FLINK_SQL || kind == Kind.LOGIN_INSIGHTS;
    }

    public List<String> command(Launch launch, RunTopics topics, String groupId) throws IOException {
        List<String> command = new ArrayList<>(List.of(com.logininsights.tools.ChildProcess.java()));
        switch (kind) {
            case CEILING -> {
                command.addAll(JVM_FLAGS);
                command.addAll(List.of(
                        "-cp", launch.toolsClasspath(), CeilingCopy.class.getName(), "--output", topics.processed()));
                command.addAll(loopFlags(launch, topics, groupId));
            }
            case HAND_LOOP -> {
                command.addAll(JVM_FLAGS);
                command.addAll(List.of(
                        "-cp",
                        launch.toolsClasspath(),
                        HandWrittenLoop.class.getName(),
                        "--processed",
                        topics.processed(),
                        "--dead-letters",
                        topics.deadLetters()));
                command.addAll(loopFlags(launch, topics, groupId));
            }
            case FLINK_SQL -> {
                command.addAll(JVM_FLAGS);
                command.addAll(List.of(
                        "-jar",
                        launch.sqlPeerJar().toString(),
                        "--bootstrap-servers",
                        launch.bootstrapServers(),
                        "--input-topic",
                        topics.input(),
                        "--processed-topic",
                        topics.processed(),
                        "--insights-topic",
                        topics.insights(),
                        "--group-id",
                        groupId,
                        "--parallelism",
                        String.valueOf(parallelism)));
                command.addAll(kafkaPropertyFlags(launch));
            }
            case LOGIN_INSIGHTS -> {
                JobVariant job = launch.job(variantB);
                command.addAll(job.jvmFlags());
                launch.jfrDir()
                        .ifPresent(dir -> command.add("-XX:StartFlightRecording=settings=profile,"
                                + "dumponexit=true,filename=" + dir.resolve(groupId + ".jfr")));
                command.addAll(List.of("-jar", job.requireJar().toString(), "--bounded"));
                command.addAll(jobFlags(launch, topics, groupId, exactlyOnce, parallelism));
                command.addAll(job.jobFlags());
            }
        }
        return command;
    }

    private List<String> loopFlags(Launch launch, RunTopics topics, String groupId) {
        List<String> flags = new ArrayList<>(List.of(
                "--bootstrap-servers",
                launch.bootstrapServers(),
                "--input",
                topics.input(),
                "--group-id",
                groupId,
                "--bounded"));
        if (exactlyOnce) {
            flags.add("--transactional");
        }
        flags.addAll(kafkaPropertyFlags(launch));
        return flags;
    }

    /** {@code --kafka-property KEY=VALUE} for each setting: the job, the loops and the SQL peer all take it so. */
    static List<String> kafkaPropertyFlags(Launch launch) {
        List<String> flags = new ArrayList<>();
        launch.kafkaProperties().forEach((key, value) -> {
            flags.add("--kafka-property");
            flags.add(key + "=" + value);
        });
        return flags;
    }

    /**
     * The job flags with which the benchmark points each run at its own topics, group and port ({@link #jobFlags}, and
     * {@code --bounded} for the throughput runs): a variant's own job flags may not name them.
     */
    public static final Set<String> FLAGS_OF_EACH_RUN = Set.of(
            "--bootstrap-servers",
            "--input-topic",
            "--processed-topic",
            "--dead-letter-topic",
            "--insights-topic",
            "--alerts-topic",
            "--group-id",
            "--starting-offsets",
            "--delivery-guarantee",
            "--parallelism",
            "--web-ui-port",
            "--bounded");

    /** The job's flags for one run's topics; shared with the latency test, which runs the job unbounded. */
    public static List<String> jobFlags(
            Launch launch, RunTopics topics, String groupId, boolean exactlyOnce, int parallelism) throws IOException {
        List<String> flags = new ArrayList<>(List.of(
                "--bootstrap-servers",
                launch.bootstrapServers(),
                "--input-topic",
                topics.input(),
                "--processed-topic",
                topics.processed(),
                "--dead-letter-topic",
                topics.deadLetters(),
                "--insights-topic",
                topics.insights(),
                "--alerts-topic",
                topics.alerts(),
                "--group-id",
                groupId,
                "--starting-offsets",
                "earliest",
                "--delivery-guarantee",
                exactlyOnce ? "exactly-once" : "at-least-once",
                "--parallelism",
                String.valueOf(parallelism),
                "--web-ui-port",
                String.valueOf(Ports.free())));
        flags.addAll(kafkaPropertyFlags(launch));
        return flags;
    }
}
