package com.logininsights.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.cluster.FaultPlan.Fault;
import com.logininsights.cluster.MatrixReport.FaultOutcome;
import com.logininsights.cluster.OutputAudit.AlertFigures;
import com.logininsights.cluster.OutputAudit.RecordFigures;
import com.logininsights.cluster.OutputAudit.WindowFigures;
import com.logininsights.common.Topics;
import com.logininsights.common.broker.BrokerClients;
import com.logininsights.common.broker.LocalKafkaBroker;
import com.logininsights.common.kafka.CommittedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fault matrix: the job on a real standalone cluster (JobManager and TaskManager processes from Flink's jars), a
 * real Kafka broker process with its data on disk, and input from our generator with a fixed seed, while faults
 * strike one after another mid-stream: TaskManagers killed with SIGKILL (each replaced by a new one), the broker
 * stopped and started again on the same data, and rescales through stop-with-savepoint and resume.
 *
 * <p>The expected output does not come from trusting the job. Each input record is named by its position in the
 * input topic, and at the end a {@code read_committed} reader must find each position exactly once across the
 * enriched and dead-letter topics, with exactly the output a failure-free run of the same job ({@code --bounded},
 * over the same input, into topics of its own) wrote for it; and every insights key (each window's summary, each
 * window's row per value, each late event) exactly once, with the reference run's value; and every alert exactly
 * once, the same alerts as the reference run's (the generator injects incidents, so that there are some). The job is stopped with
 * {@code --drain} at the end, so that it fires its last windows as the bounded run does.
 *
 * <p>{@code -Dfault-matrix=short} (the default, in {@code ./mvnw verify}): one TaskManager loss, one broker restart,
 * one rescale. {@code -Dfault-matrix=full} ({@code scripts/fault-matrix}): three TaskManager losses, a broker restart,
 * a rescale from 1 to 2 and back to 1. The figures are printed and written to
 * {@code cluster/target/fault-matrix/<plan>.md}.
 */
class FaultMatrixIT {
    private static final Path REPO = Path.of(System.getProperty("logininsights.root", ".."))
            .toAbsolutePath()
            .normalize();
    /** The job's cluster jar; {@code -Dfault-matrix.job-jar} runs the matrix against another build of it. */
    private static final Path JOB_JAR = Path.of(System.getProperty(
            FaultPlan.PROPERTY + ".job-jar",
            REPO.resolve("job/target/login-insights.jar").toString()));

    private static final Path TOOLS_JAR = REPO.resolve("tools/target/login-insights-tools.jar");

    private static final String INPUT = Topics.INPUT;
    private static final String ENRICHED = Topics.PROCESSED;
    private static final String DEAD_LETTERS = Topics.DEAD_LETTERS;
    private static final String INSIGHTS = Topics.INSIGHTS;
    private static final String ALERTS = Topics.ALERTS;
    private static final String REFERENCE_ENRICHED = "reference-processed";
    private static final String REFERENCE_DEAD_LETTERS = "reference-dlq";
    private static final String REFERENCE_INSIGHTS = "reference-insights";
    private static final String REFERENCE_ALERTS = "reference-alerts";
    /** The job's group id, which is also its transactional id prefix; the reference run has its own. */
    private static final String GROUP = "matrix";

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);
    private static final long STARTED = System.nanoTime();

    private static FaultPlan plan;
    private static Path workDir;
    private static Path jobJar;
    private static LocalKafkaBroker broker;
    private static StandaloneCluster cluster;
    private static FlinkJobs jobs;
    private static CommittedOutputWatcher watcher;
    private static GeneratorProcess generator;

    /** The job as it runs now: its id, parallelism and the TaskManager it runs on. */
    private String jobId;

    private int parallelism = 1;
    private int taskManager = 1;
    private int jobRuns;
    private long checkpointsCompleted;
    private long checkpointsFailed;
    /** Restarts of the running job (its exception history), as last counted into restartsSeen. */
    private long restartsCounted;

    private long restartsSeen;
    /** The longest the broker was away, for the report. */
    private Duration longestBrokerOutage = Duration.ZERO;

    @BeforeAll
    static void startBrokerAndCluster() throws Exception {
        plan = FaultPlan.chosen();
        assertThat(JOB_JAR)
                .as("the job's cluster jar; build it first: ./mvnw -B -ntp package -DskipTests")
                .isRegularFile();
        assertThat(TOOLS_JAR)
                .as("the tools jar (generator, Kafka); build it first: ./mvnw -B -ntp package -DskipTests")
                .isRegularFile();
        // Under target/, so that the broker's, the cluster's and the generator's logs are there after a failure.
        workDir = REPO.resolve("cluster/target/fault-matrix-" + plan.name() + "-" + System.currentTimeMillis());
        jobJar = workDir.resolve("job/login-insights.jar");
        Files.createDirectories(jobJar.getParent());
        Files.copy(JOB_JAR, jobJar);

        broker = ReplayBroker.in(workDir.resolve("kafka"), TOOLS_JAR);
        broker.start();
        BrokerClients topics = broker.clients();
        topics.createTopic(INPUT, plan.input().partitions());
        topics.createTopic(ENRICHED, 2);
        topics.createTopic(DEAD_LETTERS, 1);
        topics.createTopic(INSIGHTS, 1);
        topics.createTopic(REFERENCE_ENRICHED, 2);
        topics.createTopic(REFERENCE_DEAD_LETTERS, 1);
        topics.createTopic(REFERENCE_INSIGHTS, 1);
        topics.createTopic(ALERTS, 2);
        topics.createTopic(REFERENCE_ALERTS, 2);
        progress("broker up at " + broker.bootstrapServers() + ", PID " + broker.pid() + ", data in "
                + broker.dataDir());
        startCluster();
    }

    /** Two slots: room for the job at parallelism 2 on one TaskManager. The work dir (and its savepoints) stay. */
    private static void startCluster() {
        cluster = StandaloneCluster.start(REPO, workDir.resolve("flink"), 2);
        jobs = new FlinkJobs(REPO, cluster, jobJar);
        progress("cluster up: " + cluster.restUrl() + ", work dir " + workDir);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            StopAll.inOrder(generator, watcher, cluster, broker);
        } finally {
            progress("everything stopped");
        }
    }

    @Test
    void everyRecordAndEveryWindowExactlyOnceThroughEveryFault() throws Exception {
        MatrixReport report = new MatrixReport("Fault matrix, " + plan.name() + " plan", plan.describe());
        startJob(Optional.empty(), plan.parallelism());
        progress("job " + jobId + " running at parallelism " + parallelism);

        watcher = new CommittedOutputWatcher(
                broker.bootstrapServers(),
                CommittedReader.partitions(broker.bootstrapServers(), List.of(ENRICHED, DEAD_LETTERS), READ_TIMEOUT));
        Instant inputStarted = Instant.now();
        generator = GeneratorProcess.start(
                TOOLS_JAR, broker.bootstrapServers(), INPUT, plan.input(), workDir.resolve("generator.log"));
        watcher.awaitOutputOfInputWrittenAfter(inputStarted, PATIENCE);
        progress("input flowing (" + plan.input().describe() + "), first output visible");
        Thread.sleep(plan.settle().toMillis());
        restartsCounted = jobs.restarts(jobId);
        restartsSeen = restartsCounted;

        for (Fault fault : plan.faults()) {
            assertThat(generator.isWritingOrDone()).as("the generator runs").isTrue();
            report.add(strike(fault, inputStarted));
        }

        generator.stopAndCheckDelivered();
        List<ConsumerRecord<byte[], byte[]>> input =
                CommittedReader.readAll(broker.bootstrapServers(), INPUT, READ_TIMEOUT);
        progress("generator stopped: " + input.size() + " records in " + INPUT);
        awaitOutputs(input.size());
        restartsSeen += jobs.restarts(jobId) - restartsCounted;
        stopJob(true);
        progress("job " + jobId + " drained and stopped");
        List<TransactionListing> transactions = transactionalIds();

        String reference = jobs.submit(Optional.empty(), 1, referenceArgs());
        jobs.awaitState(reference, "FINISHED", Duration.ofMinutes(5));
        progress("reference run " + reference + " finished");

        List<ConsumerRecord<byte[], byte[]>> referenceEnriched = read(REFERENCE_ENRICHED);
        List<ConsumerRecord<byte[], byte[]>> referenceDeadLetters = read(REFERENCE_DEAD_LETTERS);
        Map<String, String> referenceOutputs = OutputAudit.outputsByPosition(referenceEnriched, referenceDeadLetters);
        RecordFigures referenceRecords =
                OutputAudit.records(input, referenceEnriched, referenceDeadLetters, referenceOutputs);
        RecordFigures records = OutputAudit.records(input, read(ENRICHED), read(DEAD_LETTERS), referenceOutputs);
        WindowFigures windows = OutputAudit.windows(read(INSIGHTS), read(REFERENCE_INSIGHTS));
        AlertFigures alerts = OutputAudit.alerts(read(ALERTS), read(REFERENCE_ALERTS));
        report.figures(
                records,
                windows,
                alerts,
                String.format(
                        Locale.ROOT,
                        "Restarts seen: %d. Checkpoints completed: %d (failed or not triggered, mostly while a"
                                + " TaskManager was gone: %d) over %d job runs. Transactional ids the broker holds"
                                + " for the job's prefix at the end: %d (%s).",
                        restartsSeen,
                        checkpointsCompleted,
                        checkpointsFailed,
                        jobRuns,
                        transactions.size(),
                        describeStates(transactions)));
        writeReport(report.render());

        assertThat(referenceRecords.lost() + referenceRecords.duplicated() + referenceRecords.unexpected())
                .as("the reference run itself: every input record once (%s)", referenceRecords)
                .isZero();
        assertThat(records.in()).as("input records").isEqualTo(input.size());
        assertThat(records.lost())
                .as("input records lost: %s", records.examples())
                .isZero();
        assertThat(records.duplicated())
                .as("input records written twice: %s", records.examples())
                .isZero();
        assertThat(records.unexpected())
                .as("outputs of no input record: %s", records.examples())
                .isZero();
        assertThat(records.unlikeReference())
                .as("outputs unlike the reference run's: %s", records.examples())
                .isZero();
        assertThat(windows.windows()).as("windows written").isGreaterThanOrEqualTo(5);
        assertThat(windows.duplicatedKeys())
                .as("insights keys written twice: %s", windows.examples())
                .isZero();
        assertThat(windows.missing() + windows.extra() + windows.differing())
                .as(
                        "insights unlike the reference run's (%d late events; the broker was away up to %s, and an"
                                + " outage longer than --idleness can turn events late): %s",
                        windows.lateEvents(), longestBrokerOutage, windows.examples())
                .isZero();
        assertThat(alerts.referenceAlerts())
                .as(
                        "the reference run's alerts: the input's incidents raise some (%s)",
                        plan.input().describe())
                .isPositive();
        assertThat(alerts.duplicated())
                .as("alerts written twice: %s", alerts.examples())
                .isZero();
        assertThat(alerts.missing() + alerts.extra())
                .as("alerts unlike the reference run's: %s", alerts.examples())
                .isZero();
        long taskManagerLosses = plan.faults().stream()
                .filter(f -> f.kind() == FaultPlan.Kind.KILL_TASKMANAGER)
                .count();
        assertThat(restartsSeen)
                .as("restarts: the job restarts at least once per lost TaskManager")
                .isGreaterThanOrEqualTo(taskManagerLosses);
    }

    // -- Faults -----------------------------------------------------------------------------------------------------

    /** Strikes one fault, waits until the job has recovered and run undisturbed for a while, and measures. */
    private FaultOutcome strike(Fault fault, Instant inputStarted) throws Exception {
        long restartsBefore = jobs.restarts(jobId);
        restartsSeen += restartsBefore - restartsCounted;
        Instant struck = Instant.now();
        String parallelismThen = String.valueOf(parallelism);
        String description;
        Duration down = null;
        Duration running = null;
        boolean sameJob = true;
        // Output of input written after this instant can only come from the recovered (or resumed) job.
        Instant recoveredAfter = struck;
        switch (fault.kind()) {
            case KILL_TASKMANAGER -> {
                cluster.killTaskManager(taskManager);
                cluster.startTaskManager();
                description = "SIGKILL taskmanager-" + taskManager + ", start taskmanager-" + (taskManager + 1);
                taskManager++;
                if (fault.nextAfter().isEmpty()) {
                    jobs.awaitAllTasksRunningOn(jobId, taskManagerId(taskManager), PATIENCE);
                    running = Duration.between(struck, Instant.now());
                }
            }
            case RESTART_BROKER -> {
                broker.stop();
                Thread.sleep(plan.brokerAway().toMillis());
                // Until it exits, the broker serves its controlled shutdown: what is written meanwhile may still be
                // read, processed and committed by a job that never noticed anything.
                recoveredAfter = Instant.now();
                broker.startAgain();
                down = Duration.between(struck, Instant.now());
                longestBrokerOutage = down.compareTo(longestBrokerOutage) > 0 ? down : longestBrokerOutage;
                description = "broker stopped (SIGTERM) and started again on its data, PID " + broker.pid();
            }
            case RESCALE -> {
                String savepoint = stopJob(false);
                // Until its savepoint completes the old job runs on and commits, input written meanwhile included.
                recoveredAfter = Instant.now();
                down = Duration.between(struck, recoveredAfter);
                startJob(Optional.of(savepoint), fault.parallelism());
                running = Duration.between(struck, Instant.now());
                description = "stop with savepoint, resume at parallelism " + fault.parallelism();
                parallelismThen = parallelismThen + " → " + fault.parallelism();
                sameJob = false;
            }
            default -> throw new IllegalStateException("unknown fault " + fault);
        }
        if (fault.nextAfter().isPresent()) {
            Thread.sleep(fault.nextAfter().get().toMillis());
            progress(description + "; the next fault follows "
                    + fault.nextAfter().get().toSeconds() + " s later");
            restartsCounted = jobs.restarts(jobId);
            long restarts = restartsCounted - restartsBefore;
            restartsSeen += restarts;
            return new FaultOutcome(
                    description,
                    parallelismThen,
                    Duration.between(inputStarted, struck).toMillis() / 1000.0,
                    down,
                    running,
                    null,
                    restarts,
                    transactionalIds().size());
        }
        Instant output = watcher.awaitOutputOfInputWrittenAfter(recoveredAfter, PATIENCE);
        progress(description + ": output of new input visible after "
                + Duration.between(struck, output).toMillis() + " ms");
        Thread.sleep(plan.settle().toMillis());
        restartsCounted = jobs.restarts(jobId);
        long restarts = restartsCounted - (sameJob ? restartsBefore : 0);
        restartsSeen += restarts;
        return new FaultOutcome(
                description,
                parallelismThen,
                Duration.between(inputStarted, struck).toMillis() / 1000.0,
                down,
                running,
                Duration.between(struck, output),
                restarts,
                transactionalIds().size());
    }

    private void startJob(Optional<String> savepoint, int newParallelism) throws Exception {
        jobId = jobs.submit(savepoint, newParallelism, jobArgs(newParallelism));
        parallelism = newParallelism;
        jobRuns++;
        jobs.awaitAllTasksRunningOn(jobId, taskManagerId(taskManager), PATIENCE);
    }

    /** Stops the job with a savepoint (drained: firing every window) and counts its checkpoints. */
    private String stopJob(boolean drain) throws Exception {
        String savepoint = jobs.stopWithSavepoint(jobId, drain);
        FlinkJobs.Checkpoints counts = jobs.checkpoints(jobId);
        checkpointsCompleted += counts.completed();
        checkpointsFailed += counts.failed();
        return savepoint;
    }

    private static List<String> jobArgs(int parallelism) {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-servers",
                broker.bootstrapServers(),
                "--group-id",
                GROUP,
                "--parallelism",
                String.valueOf(parallelism)));
        args.addAll(plan.jobFlags());
        return args;
    }

    /** The same job, failure-free and bounded, over the same input topic into topics of its own. */
    private static List<String> referenceArgs() {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-servers",
                broker.bootstrapServers(),
                "--group-id",
                "reference",
                "--processed-topic",
                REFERENCE_ENRICHED,
                "--dead-letter-topic",
                REFERENCE_DEAD_LETTERS,
                "--insights-topic",
                REFERENCE_INSIGHTS,
                "--alerts-topic",
                REFERENCE_ALERTS,
                "--bounded",
                "--starting-offsets",
                "earliest",
                "--parallelism",
                "1"));
        args.addAll(plan.jobFlags());
        return args;
    }

    private static String taskManagerId(int index) {
        return "localhost-taskmanager-" + index;
    }

    // -- Reading back -----------------------------------------------------------------------------------------------

    /** Waits until as many outputs as input records are visible; a shortfall is reported by the audit after. */
    private static void awaitOutputs(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (watcher.seen() < expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        progress(watcher.seen() + " outputs visible for " + expected + " input records");
    }

    /** The transactional ids with the job's prefix that the broker's transaction coordinator holds now. */
    private static List<TransactionListing> transactionalIds() throws Exception {
        try (Admin admin = broker.clients().admin()) {
            return admin.listTransactions().all().get(60, TimeUnit.SECONDS).stream()
                    .filter(t -> t.transactionalId().startsWith(GROUP + "-"))
                    .toList();
        }
    }

    private static String describeStates(List<TransactionListing> transactions) {
        Map<String, Long> states = new TreeMap<>();
        transactions.forEach(t -> states.merge(t.state().toString(), 1L, Long::sum));
        return states.isEmpty() ? "none" : states.toString();
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic) {
        return CommittedReader.readAll(broker.bootstrapServers(), topic, READ_TIMEOUT);
    }

    private static void writeReport(String rendered) throws Exception {
        System.out.println(rendered);
        Path file = REPO.resolve("cluster/target/fault-matrix/" + plan.name() + ".md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, rendered);
        progress("report written to " + file);
    }

    private static void progress(String message) {
        System.out.printf("[%6.1fs] %s%n", (System.nanoTime() - STARTED) / 1e9, message);
    }
}
