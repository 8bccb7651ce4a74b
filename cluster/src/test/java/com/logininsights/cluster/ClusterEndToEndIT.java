package com.logininsights.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.logininsights.cluster.InputFeeder.Kind;
import com.logininsights.common.Ports;
import com.logininsights.common.broker.LocalKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipFile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job on a real Flink standalone session cluster, run the way a user runs it: {@code scripts/flink-cluster}
 * starts a JobManager and a TaskManager as their own JVMs, {@code scripts/submit-job.sh} submits the lean cluster jar
 * over REST, {@code scripts/stop-with-savepoint.sh} and {@code scripts/resume-from-savepoint.sh} upgrade and rescale
 * it. Kafka is a real KRaft broker in this JVM. Every port is a free one, so the test can run beside a developer's
 * cluster, and every process the test starts is stopped by its PID.
 *
 * <p>Input flows the whole time (about 50 records a second, one in ten malformed) while the test (a) starts the job,
 * (b) kills the TaskManager with SIGKILL and starts another, (c) stops the job with a savepoint and resumes it at
 * parallelism 2, and (d) reads the job's counters from the TaskManager's Prometheus endpoint. After each step a
 * {@code read_committed} reader must find every input record exactly once across the enriched and dead-letter
 * topics, and every insights key at most once.
 */
class ClusterEndToEndIT {
    private static final Path REPO = Path.of(System.getProperty("logininsights.root", ".."))
            .toAbsolutePath()
            .normalize();
    private static final Path JOB_JAR = REPO.resolve("job/target/login-insights.jar");
    private static final String INPUT = "user-login";
    private static final String PROCESSED = "user-login-processed";
    private static final String DEAD_LETTERS = "user-login-dlq";
    private static final String INSIGHTS = "user-login-insights";
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STARTED = System.nanoTime();

    private static LocalKafkaBroker kafka;
    private static StandaloneCluster cluster;
    private static InputFeeder feeder;
    /** This test's own copy of the job jar, so that both submissions use the same build. */
    private static Path jobJar;

    private static FlinkJobs jobs;

    @BeforeAll
    static void startBrokerAndCluster() throws Exception {
        assertThat(JOB_JAR)
                .as("the job's cluster jar; build it first: mvn -B -ntp package -DskipTests -pl common,job")
                .isRegularFile();
        kafka = LocalKafkaBroker.inTemporaryFolder().stopWhenThisJvmExits().build();
        kafka.start();
        kafka.clients().createTopic(INPUT, 2);
        kafka.clients().createTopic(PROCESSED, 2);
        kafka.clients().createTopic(DEAD_LETTERS, 1);
        kafka.clients().createTopic(INSIGHTS, 1);
        kafka.clients().createTopic("user-login-alerts", 2);
        progress("broker up at " + kafka.bootstrapServers());
        // Under target/, so that the cluster's logs are there to read when something fails.
        Path workDir = REPO.resolve("cluster/target/cluster-it-" + System.currentTimeMillis());
        jobJar = snapshot(JOB_JAR, workDir.resolve("job/login-insights.jar"));
        // Two slots: the job runs at parallelism 1, then resumes at parallelism 2 on the same TaskManager.
        cluster = StandaloneCluster.start(REPO, workDir, 2);
        jobs = new FlinkJobs(REPO, cluster, jobJar);
        progress("cluster up: " + cluster.restUrl() + ", work dir " + workDir);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            StopAll.inOrder(feeder, cluster, kafka);
        } finally {
            progress("everything stopped");
        }
    }

    @Test
    void everyRecordOnceThroughALostTaskManagerAndARescale() throws Exception {
        // (0) A user's mistakes at submission, one refused by the flags and one by the start-up check against
        // Kafka: each fails that submission alone, with the job's own one-line reason, and the JobManager, which
        // runs the job's main(), carries on to run the good job below. (No broker at all is refused the same way,
        // after the check's KafkaPreflight.PATIENCE; KafkaPreflightIT has that sentence.)
        assertSubmissionRefused("login-insights: Invalid value for option '--window'", "--window", "nonsense");
        assertSubmissionRefused(
                "login-insights: topic 'no-such-topic' does not exist", "--input-topic", "no-such-topic");
        progress("(0) two bad submissions refused; the JobManager is still up");
        assertThat(Ports.listeningAddresses(cluster.restPort()))
                .as("addresses the web UI and REST API of scripts/flink-cluster listen on")
                .isNotEmpty()
                .allMatch(InetAddress::isLoopbackAddress);

        // (a) Submit the lean jar over REST and feed it.
        String firstJob = submit(null, 1);
        jobs.awaitAllTasksRunningOn(firstJob, "localhost-taskmanager-1", PATIENCE);
        progress("(a) job " + firstJob + " running");
        feeder = new InputFeeder(kafka.bootstrapServers(), INPUT, 2);
        feeder.start(20);
        Thread.sleep(5_000);
        assertEveryRecordExactlyOnce("(a) first input", feeder.acknowledged());

        // (b) Lose the TaskManager mid-stream (SIGKILL: no chance to clean up) while input keeps flowing, start a new
        // one, and let the job recover from its last checkpoint on it.
        cluster.killTaskManager(1);
        progress("(b) taskmanager-1 killed");
        cluster.startTaskManager();
        jobs.awaitAllTasksRunningOn(firstJob, "localhost-taskmanager-2", PATIENCE);
        progress("(b) job recovered on taskmanager-2");
        assertThat(Command.run(
                                REPO,
                                Duration.ofSeconds(60),
                                REPO.resolve("scripts/flink-cluster").toString(),
                                "status",
                                "--work-dir",
                                cluster.workDir().toString())
                        .exitCode())
                .as("scripts/flink-cluster status: every recorded process running")
                .isZero();
        Thread.sleep(3_000);
        assertEveryRecordExactlyOnce("(b) after losing the TaskManager", feeder.acknowledged());
        assertInsightKeysAtMostOnce("(b)");

        // (c) Upgrade-style restart: stop with a savepoint, resume from it at parallelism 2; input keeps flowing.
        String savepoint = stopWithSavepoint(firstJob);
        // The first job is gone and its last transactions are committed: what a read_committed reader sees now is
        // exactly what the first job wrote. The second job owes everything else.
        Set<String> writtenByFirstJob = committedPositions();
        Set<String> insightKeysOfFirstJob = Outputs.keyCounts(kafka.clients().readAllCommitted(INSIGHTS, PATIENCE))
                .keySet();
        progress("(c) first job stopped with savepoint " + savepoint + "; it wrote " + writtenByFirstJob.size()
                + " records");

        String secondJob = submit(savepoint, 2);
        jobs.awaitAllTasksRunningOn(secondJob, "localhost-taskmanager-2", PATIENCE);
        progress("(c) job " + secondJob + " resumed at parallelism 2");
        // Wait until the resumed job has fired a window of its own (restored window state, new watermarks), while
        // both partitions keep flowing, so that no source subtask can be left idle (FLINK-40504).
        List<ConsumerRecord<byte[], byte[]>> insights = kafka.clients()
                .readCommitted(
                        List.of(INSIGHTS),
                        PATIENCE,
                        read -> summaries(read).stream().anyMatch(s -> !insightKeysOfFirstJob.contains(summaryKey(s))));
        assertThat(summaries(insights))
                .as("a window fired by the resumed job")
                .anyMatch(s -> !insightKeysOfFirstJob.contains(summaryKey(s)));
        feeder.close();
        Map<String, Kind> everything = feeder.acknowledged();
        Map<String, JsonNode> outputs =
                assertEveryRecordExactlyOnce("(c) after the savepoint and the rescale", everything);
        assertInsightKeysAtMostOnce("(c)");
        assertWindowFigures(outputs);

        // (d) The job's own counters, as Prometheus scrapes them from the TaskManager. Flink metrics are not state:
        // a job that starts from a savepoint (or restarts from a checkpoint) starts its counters at zero, and
        // counts what it processes from its restored source offsets on. So the resumed job's validRecords and
        // deadLetters, summed over its two subtasks, are exactly the valid and malformed records the first job did
        // not write, provided the second job never restarted (a restart would set them back to zero and count the
        // replayed records again; likewise, after the TaskManager loss in (b) the first job's counters restarted
        // from zero at its last checkpoint, so they never equalled its exactly-once output).
        PrometheusSamples jobManagerMetrics = scrape(cluster.jobManagerMetricsPort());
        assertThat(jobManagerMetrics.find("flink_jobmanager_job_numRestarts", Map.of("job_id", secondJob)))
                .as("the resumed job's numRestarts")
                .singleElement()
                .satisfies(s -> assertThat(s.value()).isZero());

        Map<Kind, Long> owedBySecondJob = new HashMap<>();
        everything.forEach((position, kind) -> {
            if (!writtenByFirstJob.contains(position)) {
                owedBySecondJob.merge(kind, 1L, Long::sum);
            }
        });
        long owedValid = owedBySecondJob.getOrDefault(Kind.VALID, 0L);
        long owedInvalid =
                owedBySecondJob.getOrDefault(Kind.NOT_JSON, 0L) + owedBySecondJob.getOrDefault(Kind.WRONG_TYPE, 0L);
        assertThat(owedValid).as("valid records left for the resumed job").isPositive();
        assertThat(owedInvalid).as("malformed records left for the resumed job").isPositive();

        PrometheusSamples taskManagerMetrics = scrape(cluster.taskManagerMetricsPort(2));
        Map<String, String> ofSecondJob = Map.of("job_id", secondJob, "operator_name", "Split_valid_from_rejected");
        assertThat(taskManagerMetrics.find("flink_taskmanager_job_task_operator_validRecords", ofSecondJob))
                .as("one validRecords counter per subtask")
                .hasSize(2);
        assertThat(taskManagerMetrics.sum("flink_taskmanager_job_task_operator_validRecords", ofSecondJob))
                .as("validRecords of the resumed job")
                .isEqualTo((double) owedValid);
        assertThat(taskManagerMetrics.sum("flink_taskmanager_job_task_operator_deadLetters", ofSecondJob))
                .as("deadLetters of the resumed job")
                .isEqualTo((double) owedInvalid);
        for (Kind kind : List.of(Kind.NOT_JSON, Kind.WRONG_TYPE)) {
            Map<String, String> labels = new HashMap<>(ofSecondJob);
            labels.put("reason", kind.reason);
            assertThat(taskManagerMetrics.sum("flink_taskmanager_job_task_operator_reason_deadLetters", labels))
                    .as("deadLetters with reason %s", kind.reason)
                    .isEqualTo((double) owedBySecondJob.getOrDefault(kind, 0L));
        }
        progress("(d) counters of the resumed job: " + owedValid + " valid, " + owedInvalid + " dead letters");
    }

    // -- Steps ------------------------------------------------------------------------------------------------------

    /** Submits with flags that cannot work: the script must fail with the reason, the cluster stay up and idle. */
    private static void assertSubmissionRefused(String reason, String... badFlags) throws Exception {
        List<String> command = new ArrayList<>(jobs.submitCommand(Optional.empty(), 1, jobArgs(1)));
        command.addAll(List.of(badFlags));
        Command refused = Command.run(REPO, Duration.ofMinutes(2), command);
        assertThat(refused.exitCode()).as("exit code of %s", List.of(badFlags)).isEqualTo(1);
        assertThat(refused.stderr()).contains("the job did not start: " + reason);
        JsonNode overview = cluster.get("/overview");
        assertThat(overview.get("taskmanagers").asInt())
                .as("TaskManagers after a bad submission")
                .isEqualTo(1);
        assertThat(overview.get("jobs-running").asInt()).isZero();
    }

    /** Submits the jar with scripts/submit-job.sh (or, given a savepoint, scripts/resume-from-savepoint.sh). */
    private static String submit(String savepoint, int parallelism) {
        return jobs.submit(Optional.ofNullable(savepoint), parallelism, jobArgs(parallelism));
    }

    private static List<String> jobArgs(int parallelism) {
        return List.of(
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--window",
                "10s",
                "--checkpoint-interval",
                "2s",
                "--idleness",
                "2s",
                "--out-of-orderness",
                "1s",
                "--parallelism",
                String.valueOf(parallelism));
    }

    /**
     * Copies the job jar once it is complete and has not changed for a few seconds: a developer (or a parallel
     * build) may be rewriting job/target while this test runs, and a jar caught half-written fails at submission
     * with a NoClassDefFoundError.
     */
    private static Path snapshot(Path jar, Path copy) throws Exception {
        Files.createDirectories(copy.getParent());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            FileTime modified = Files.getLastModifiedTime(jar);
            long size = Files.size(jar);
            boolean settled = modified.toInstant().isBefore(Instant.now().minusSeconds(3));
            if (settled && isCompleteJobJar(jar)) {
                Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
                if (Files.getLastModifiedTime(jar).equals(modified)
                        && Files.size(jar) == size
                        && isCompleteJobJar(copy)) {
                    return copy;
                }
            }
            assertThat(System.nanoTime())
                    .as("%s complete and unchanged for 3 s", jar)
                    .isLessThan(deadline);
            Thread.sleep(1_000);
        }
    }

    private static boolean isCompleteJobJar(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry("com/logininsights/Main.class") != null
                    && zip.getEntry("com/logininsights/LoginInsightsJob.class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static String stopWithSavepoint(String jobId) throws Exception {
        String savepoint = jobs.stopWithSavepoint(jobId, false);
        assertThat(savepoint)
                .as("savepoint path printed by the script")
                .startsWith("file:" + cluster.workDir().resolve("savepoints"));
        return savepoint;
    }

    // -- Checks -----------------------------------------------------------------------------------------------------

    /**
     * Reads the enriched and dead-letter topics (read_committed) until every expected record has shown up, then
     * checks that each did so exactly once, in the right topic (with the right reason), and that nothing was
     * written that the test did not produce. Returns each record's output by "partition/offset".
     */
    private static Map<String, JsonNode> assertEveryRecordExactlyOnce(String step, Map<String, Kind> expected) {
        List<ConsumerRecord<byte[], byte[]>> read = kafka.clients()
                .readCommitted(
                        List.of(PROCESSED, DEAD_LETTERS),
                        PATIENCE,
                        records -> positions(records).containsAll(expected.keySet()));
        Map<String, Kind> produced = feeder.acknowledged();

        Map<String, Integer> times = new TreeMap<>();
        Map<String, JsonNode> outputs = new HashMap<>();
        List<String> misplaced = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : read) {
            JsonNode value = json(record.value());
            String position = position(value);
            times.merge(position, 1, Integer::sum);
            outputs.put(position, value);
            Kind kind = produced.get(position);
            boolean right = kind != null
                    && (record.topic().equals(PROCESSED)
                            ? kind.valid()
                            : !kind.valid() && value.path("reason").asText().equals(kind.reason));
            if (!right) {
                misplaced.add(position + " (" + kind + ") in " + record.topic() + ": " + value);
            }
        }
        Set<String> lost = new HashSet<>(expected.keySet());
        lost.removeAll(times.keySet());
        Map<String, Integer> duplicated = new TreeMap<>(times);
        duplicated.values().removeIf(n -> n == 1);

        assertThat(lost)
                .as("%s: input records never written (of %d)", step, expected.size())
                .isEmpty();
        assertThat(duplicated)
                .as("%s: input records written more than once", step)
                .isEmpty();
        assertThat(misplaced)
                .as("%s: outputs in the wrong topic, with the wrong reason, or never produced", step)
                .isEmpty();
        progress(step + ": " + expected.size() + " input records each written exactly once ("
                + read.stream().filter(r -> r.topic().equals(PROCESSED)).count() + " enriched, "
                + read.stream().filter(r -> r.topic().equals(DEAD_LETTERS)).count() + " dead letters read)");
        return outputs;
    }

    private static void assertInsightKeysAtMostOnce(String step) {
        kafka.clients()
                .readCommitted(
                        List.of(INSIGHTS), PATIENCE, read -> !summaries(read).isEmpty());
        List<ConsumerRecord<byte[], byte[]>> insights = kafka.clients().readAllCommitted(INSIGHTS, PATIENCE);
        Map<String, Integer> duplicated = new TreeMap<>(Outputs.keyCounts(insights));
        duplicated.values().removeIf(n -> n == 1);
        assertThat(summaries(insights)).as("%s: window summaries", step).isNotEmpty();
        assertThat(duplicated)
                .as("%s: insights keys written more than once", step)
                .isEmpty();
    }

    /**
     * Each fired window's logins equal the valid records whose event time falls in it, less those counted as late
     * events: a window restored from a checkpoint or a savepoint counts nothing twice and loses nothing.
     */
    private static void assertWindowFigures(Map<String, JsonNode> outputs) {
        Map<String, Integer> validPerWindow = new TreeMap<>();
        for (JsonNode output : outputs.values()) {
            if (!output.has("reason")) {
                long second = output.path("timestamp").asLong();
                validPerWindow.merge(
                        Instant.ofEpochSecond(second - Math.floorMod(second, 10))
                                .toString(),
                        1,
                        Integer::sum);
            }
        }
        List<JsonNode> insights = Outputs.values(kafka.clients().readAllCommitted(INSIGHTS, PATIENCE));
        Map<String, Integer> late = new TreeMap<>();
        insights.stream()
                .filter(v -> v.path("type").asText().equals("late_event"))
                .forEach(v -> late.merge(v.path("window_start").asText(), 1, Integer::sum));
        Map<String, Integer> counted = new TreeMap<>();
        Map<String, Integer> owed = new TreeMap<>();
        for (JsonNode summary : insights) {
            if (summary.path("type").asText().equals("summary")) {
                String window = summary.path("window_start").asText();
                counted.put(window, summary.path("logins").asInt() + late.getOrDefault(window, 0));
                owed.put(window, validPerWindow.getOrDefault(window, 0));
            }
        }
        assertThat(counted).as("logins per fired window (plus its late events)").isEqualTo(owed);
        // Late events are possible after the restore in (b): Flink's SourceReaderBase creates a split's watermark
        // output only when that split first emits, so while one partition's backlog is emitted the other partition
        // does not hold the watermark back yet, and its own backlog can then arrive behind it. Whatever happens,
        // every valid record is either in its window's figures or a late_event record: never both, never neither.
        progress("window figures match for " + counted.size() + " windows (late events per window: " + late + ")");
    }

    /** Every "partition/offset" a read_committed reader sees on the enriched and dead-letter topics now. */
    private static Set<String> committedPositions() {
        List<ConsumerRecord<byte[], byte[]>> read =
                new ArrayList<>(kafka.clients().readAllCommitted(PROCESSED, PATIENCE));
        read.addAll(kafka.clients().readAllCommitted(DEAD_LETTERS, PATIENCE));
        Set<String> positions = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : read) {
            assertThat(positions.add(position(json(record.value()))))
                    .as("written once: %s", record)
                    .isTrue();
        }
        return positions;
    }

    private static PrometheusSamples scrape(int port) throws Exception {
        return PrometheusSamples.parse(cluster.httpGet("http://localhost:" + port + "/metrics"));
    }

    // -- Output records ---------------------------------------------------------------------------------------------

    private static Set<String> positions(List<ConsumerRecord<byte[], byte[]>> records) {
        Set<String> positions = new HashSet<>();
        records.forEach(r -> positions.add(position(json(r.value()))));
        return positions;
    }

    /** "partition/offset" of the input record an output record came from. */
    private static String position(JsonNode output) {
        JsonNode source = output.path("source");
        return source.path("partition").asInt() + "/" + source.path("offset").asLong();
    }

    private static List<JsonNode> summaries(List<ConsumerRecord<byte[], byte[]>> insights) {
        return Outputs.values(insights).stream()
                .filter(v -> v.path("type").asText().equals("summary"))
                .toList();
    }

    private static String summaryKey(JsonNode summary) {
        return summary.path("window_start").asText() + "/summary";
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void progress(String message) {
        System.out.printf("[%5.1fs] %s%n", (System.nanoTime() - STARTED) / 1e9, message);
    }

    /** Reads output records back. */
    private static final class Outputs {
        static List<JsonNode> values(List<ConsumerRecord<byte[], byte[]>> records) {
            return records.stream().map(r -> json(r.value())).toList();
        }

        static Map<String, Integer> keyCounts(List<ConsumerRecord<byte[], byte[]>> records) {
            Map<String, Integer> counts = new HashMap<>();
            records.forEach(r -> counts.merge(new String(r.key(), StandardCharsets.UTF_8), 1, Integer::sum));
            return counts;
        }
    }
}
