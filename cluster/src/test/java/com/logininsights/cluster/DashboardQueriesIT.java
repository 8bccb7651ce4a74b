package com.logininsights.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.cluster.GrafanaDashboard.Target;
import com.logininsights.cluster.LocalPrometheus.Answer;
import com.logininsights.cluster.LocalPrometheus.Series;
import com.logininsights.common.Topics;
import com.logininsights.common.broker.LocalKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard of docker-compose.yml's {@code monitoring} profile asks for metrics that really exist: a real
 * Prometheus server (Debian's package) scrapes the JobManager and the TaskManager of a real standalone cluster
 * ({@code scripts/flink-cluster}) while the job runs on it with live input, good and malformed, and every query of
 * every panel in {@code monitoring/grafana/dashboards/login-insights.json} must return at least one series through
 * Prometheus's HTTP API. A renamed metric, a wrong label or an operator name that changed in the job shows up here as
 * a panel that would stay empty.
 */
class DashboardQueriesIT {
    private static final Path REPO = Path.of(System.getProperty("logininsights.root", ".."))
            .toAbsolutePath()
            .normalize();
    private static final Path JOB_JAR = REPO.resolve("job/target/login-insights.jar");
    private static final Path DASHBOARD = REPO.resolve("monitoring/grafana/dashboards/login-insights.json");
    private static final String INPUT = "user-login";
    /** Long enough for the first checkpoint, a watermark and two scrapes in a rate() window on a loaded machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static final long STARTED = System.nanoTime();

    private static GrafanaDashboard dashboard;
    private static LocalKafkaBroker kafka;
    private static StandaloneCluster cluster;
    private static InputFeeder feeder;
    private static LocalPrometheus prometheus;

    @BeforeAll
    static void startTheJobOnAClusterWithPrometheusScrapingIt() throws Exception {
        dashboard = GrafanaDashboard.load(DASHBOARD);
        Path binary = LocalPrometheus.binary()
                .orElseThrow(() -> new AssertionError("no prometheus binary on the PATH: install Debian's package"
                        + " (apt-get install prometheus; .ci/run does)"));
        assertThat(JOB_JAR)
                .as("the job's cluster jar; build it first: ./mvnw -B -ntp package -DskipTests -pl common,job")
                .isRegularFile();

        kafka = LocalKafkaBroker.inTemporaryFolder().stopWhenThisJvmExits().build();
        kafka.start();
        kafka.clients().createTopics(Topics.DEFAULT.toCreate(2));
        progress("broker up at " + kafka.bootstrapServers());

        Path workDir = REPO.resolve("cluster/target/dashboard-it-" + System.currentTimeMillis());
        cluster = StandaloneCluster.start(REPO, workDir, 2);
        progress("cluster up: " + cluster.restUrl());
        String jobId = Command.run(
                        REPO,
                        Duration.ofMinutes(2),
                        REPO.resolve("scripts/submit-job.sh").toString(),
                        "--jobmanager",
                        cluster.restUrl(),
                        "--jar",
                        JOB_JAR.toString(),
                        "--wait-seconds",
                        "60",
                        "--",
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--window",
                        "5s",
                        "--checkpoint-interval",
                        "2s",
                        "--idleness",
                        "2s",
                        "--out-of-orderness",
                        "1s",
                        // Two subtasks, so that every query that sums over subtasks has something to sum.
                        "--parallelism",
                        "2")
                .checkSuccess()
                .strip();
        assertThat(jobId).as("job id printed by submit-job.sh").matches("[0-9a-f]{32}");
        progress("job " + jobId + " submitted");

        feeder = new InputFeeder(kafka.bootstrapServers(), INPUT, 2);
        feeder.start(20);

        prometheus = LocalPrometheus.start(
                binary,
                workDir.resolve("prometheus"),
                List.of(
                        "localhost:" + cluster.jobManagerMetricsPort(),
                        "localhost:" + cluster.taskManagerMetricsPort(1)),
                Duration.ofSeconds(1));
        progress("prometheus up at " + prometheus.url() + " (PID " + prometheus.pid() + ")");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            StopAll.inOrder(prometheus, feeder, cluster, kafka);
        } finally {
            progress("everything stopped");
        }
    }

    @Test
    void everyPanelQueryOfTheDashboardReturnsSeriesFromTheRunningJob() throws Exception {
        List<Target> targets = dashboard.targets();
        assertThat(targets).as("queries in %s", DASHBOARD).isNotEmpty();

        Map<String, String> health = awaitTargetsUp();
        progress("prometheus scrapes " + health);

        Map<Target, Answer> answers = awaitEveryQueryAnswered(targets);
        answers.forEach((target, answer) -> progress(answer.series().size() + " series  " + target));

        assertThat(answers.entrySet().stream()
                        .filter(e -> e.getValue().failed())
                        .map(e -> e.getKey() + " -> " + e.getValue().error())
                        .toList())
                .as("queries Prometheus refused")
                .isEmpty();
        assertThat(answers.entrySet().stream()
                        .filter(e -> e.getValue().series().isEmpty())
                        .map(e -> e.getKey().toString())
                        .toList())
                .as("queries that returned no series: their panels would stay empty")
                .isEmpty();

        // Flink registers a counter for every reason up front, so the per-reason panel has a series for each. The
        // feeder's malformed records are not JSON, or carry a number as user id: exactly those two reasons must rise.
        Target perReason = dashboard.targets().stream()
                .filter(t -> t.panelTitle().equals("Dead letters per second, by reason"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no panel 'Dead letters per second, by reason'"));
        Map<String, Double> rates = awaitRisingReasons(perReason, reasonsOfTheFeeder());
        progress("dead letters per second, by reason: " + rates);
        rates.forEach((reason, rate) -> assertThat(rate > 0)
                .as("reason %s rising (%s per second)", reason, rate)
                .isEqualTo(reasonsOfTheFeeder().contains(reason)));
    }

    /** Waits until both Flink processes have been scraped successfully. */
    private static Map<String, String> awaitTargetsUp() throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Map<String, String> health = prometheus.targetHealth();
        while (health.size() < 2 || !health.values().stream().allMatch("up"::equals)) {
            assertThat(System.nanoTime())
                    .as("both Flink processes scraped; last seen %s; prometheus log:%n%s", health, prometheus.logTail())
                    .isLessThan(deadline);
            Thread.sleep(500);
            health = prometheus.targetHealth();
        }
        return health;
    }

    /**
     * Asks every query until each has returned series at once (rates need two scrapes, checkpoint figures a completed
     * checkpoint, the event-time lag a watermark) or the patience runs out; returns the last answers either way.
     */
    private static Map<Target, Answer> awaitEveryQueryAnswered(List<Target> targets) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Map<Target, Answer> answers = new LinkedHashMap<>();
            for (Target target : targets) {
                answers.put(target, prometheus.query(target.expr()));
            }
            boolean complete = answers.values().stream()
                    .allMatch(a -> !a.failed() && !a.series().isEmpty());
            boolean anyRefused = answers.values().stream().anyMatch(Answer::failed);
            if (complete || anyRefused || System.nanoTime() > deadline) {
                return answers;
            }
            Thread.sleep(2_000);
        }
    }

    /** Asks the per-reason query until the expected reasons all have a positive rate; returns every reason's rate. */
    private static Map<String, Double> awaitRisingReasons(Target perReason, Set<String> expected) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Map<String, Double> rates = prometheus.query(perReason.expr()).series().stream()
                    .collect(Collectors.toMap(s -> s.labels().get("reason"), Series::value));
            boolean rising = expected.stream().allMatch(r -> rates.getOrDefault(r, 0.0) > 0);
            if (rising || System.nanoTime() > deadline) {
                return rates;
            }
            Thread.sleep(1_000);
        }
    }

    private static Set<String> reasonsOfTheFeeder() {
        return InputFeeder.MALFORMED.keySet().stream().map(kind -> kind.reason).collect(Collectors.toSet());
    }

    private static void progress(String message) {
        System.out.printf("[%5.1fs] %s%n", (System.nanoTime() - STARTED) / 1e9, message);
    }
}
