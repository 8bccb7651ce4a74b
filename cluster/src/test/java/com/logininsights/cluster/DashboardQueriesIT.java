package com.logininsights.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.cluster.GrafanaDashboard.Target;
import com.logininsights.cluster.LocalPrometheus.Answer;
import com.logininsights.cluster.LocalPrometheus.Rule;
import com.logininsights.cluster.LocalPrometheus.Series;
import com.logininsights.common.Topics;
import com.logininsights.common.broker.LocalKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * a panel that would stay empty. The same Prometheus evaluates the alerting rules of
 * {@code monitoring/prometheus/alerts.yml}: each must evaluate without error, and every metric it names must exist.
 */
class DashboardQueriesIT {
    private static final Path REPO = Path.of(System.getProperty("logininsights.root", ".."))
            .toAbsolutePath()
            .normalize();
    private static final Path JOB_JAR = REPO.resolve("job/target/login-insights.jar");
    private static final Path DASHBOARD = REPO.resolve("monitoring/grafana/dashboards/login-insights.json");
    private static final Path ALERT_RULES = REPO.resolve("monitoring/prometheus/alerts.yml");
    /** Metric names in a PromQL expression: Flink's, and Prometheus's own {@code up}. */
    private static final Pattern METRIC_NAME = Pattern.compile("\\b(flink_[A-Za-z0-9_]+|up)\\b");

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
                Duration.ofSeconds(1),
                List.of(ALERT_RULES));
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

        Map<Target, Answer> answers = askEveryQuery(targets);
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
        Map<String, Double> rates = askRisingReasons(perReason, reasonsOfTheFeeder());
        progress("dead letters per second, by reason: " + rates);
        rates.forEach((reason, rate) -> assertThat(rate > 0)
                .as("reason %s rising (%s per second)", reason, rate)
                .isEqualTo(reasonsOfTheFeeder().contains(reason)));
    }

    /**
     * Every alerting and recording rule evaluates against the running job without error, and every metric the rules
     * name exists. And two alerts are seen to tell the truth: with the job running, {@code LoginInsightsNotRunning} is
     * quiet; with the feeder's event times an hour old, {@code LoginInsightsEventTimeBehind} is pending (it fires
     * after 10 minutes).
     */
    @Test
    void everyAlertingRuleEvaluatesAgainstTheRunningJob() throws Exception {
        awaitTargetsUp();
        List<Rule> rules = askUntil(
                prometheus::rules,
                all -> all.stream().noneMatch(rule -> rule.health().equals("unknown")),
                Duration.ofSeconds(1));
        rules.forEach(rule -> progress(rule.health() + " " + rule.state() + "  " + rule.name()));
        assertThat(rules).as("rules loaded from %s", ALERT_RULES).hasSizeGreaterThanOrEqualTo(5);
        assertThat(rules.stream()
                        .filter(rule -> !rule.health().equals("ok"))
                        .map(rule -> rule.name() + ": " + rule.health() + " " + rule.lastError())
                        .toList())
                .as("rules Prometheus could not evaluate")
                .isEmpty();

        Set<String> named = new TreeSet<>();
        for (Rule rule : rules) {
            Matcher metric = METRIC_NAME.matcher(rule.query());
            while (metric.find()) {
                named.add(metric.group(1));
            }
        }
        assertThat(named).as("metrics the rules name").contains("flink_taskmanager_job_task_operator_signal_alerts");
        Map<String, Integer> seriesByMetric = askSeriesOf(named);
        progress("series of the metrics the rules name: " + seriesByMetric);
        assertThat(seriesByMetric.entrySet().stream()
                        .filter(e -> e.getValue() == 0)
                        .map(Map.Entry::getKey)
                        .toList())
                .as("metrics the rules name that the job does not emit")
                .isEmpty();

        progress("the job's uptime: "
                + prometheus.query("flink_jobmanager_job_uptime").series());
        List<Rule> live = askUntil(
                prometheus::rules,
                all -> state(all, "LoginInsightsNotRunning").equals("inactive")
                        && !state(all, "LoginInsightsEventTimeBehind").equals("inactive"),
                Duration.ofSeconds(1));
        assertThat(state(live, "LoginInsightsNotRunning"))
                .as("LoginInsightsNotRunning, with the job running")
                .isEqualTo("inactive");
        assertThat(live)
                .filteredOn(rule -> rule.name().equals("LoginInsightsEventTimeBehind"))
                .extracting(Rule::state)
                .as("LoginInsightsEventTimeBehind, with event times an hour old: pending for its first 10 minutes")
                .singleElement()
                .isIn("pending", "firing");
    }

    private static String state(List<Rule> rules, String alert) {
        return rules.stream()
                .filter(rule -> rule.name().equals(alert))
                .map(Rule::state)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no alert " + alert + " in " + rules));
    }

    /** Asks until the answer is done or the patience runs out; returns the last answer either way. */
    private static <T> T askUntil(Callable<T> ask, Predicate<T> done, Duration pause) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T answer = ask.call();
        while (!done.test(answer) && System.nanoTime() < deadline) {
            Thread.sleep(pause.toMillis());
            answer = ask.call();
        }
        return answer;
    }

    /**
     * Every query's answer, asked until each has returned series at once (rates need two scrapes, checkpoint figures
     * a completed checkpoint, the event-time lag a watermark; the alert counters are series from the start) or one
     * is refused.
     */
    private static Map<Target, Answer> askEveryQuery(List<Target> targets) throws Exception {
        return askUntil(
                () -> {
                    Map<Target, Answer> answers = new LinkedHashMap<>();
                    for (Target target : targets) {
                        answers.put(target, prometheus.query(target.expr()));
                    }
                    return answers;
                },
                answers -> answers.values().stream().anyMatch(Answer::failed)
                        || answers.values().stream()
                                .allMatch(answer -> !answer.series().isEmpty()),
                Duration.ofSeconds(2));
    }

    /** Every reason's rate, asked until the expected reasons all have a positive one. */
    private static Map<String, Double> askRisingReasons(Target perReason, Set<String> expected) throws Exception {
        return askUntil(
                () -> prometheus.query(perReason.expr()).series().stream()
                        .collect(Collectors.toMap(s -> s.labels().get("reason"), Series::value)),
                rates -> expected.stream().allMatch(r -> rates.getOrDefault(r, 0.0) > 0),
                Duration.ofSeconds(1));
    }

    /** How many series each metric has, asked until every one has some. */
    private static Map<String, Integer> askSeriesOf(Set<String> metrics) throws Exception {
        return askUntil(
                () -> {
                    Map<String, Integer> series = new TreeMap<>();
                    for (String metric : metrics) {
                        series.put(metric, prometheus.query(metric).series().size());
                    }
                    return series;
                },
                series -> series.entrySet().stream().allMatch(e -> e.getValue() > 0),
                Duration.ofSeconds(2));
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

    private static Set<String> reasonsOfTheFeeder() {
        return InputFeeder.MALFORMED.keySet().stream().map(kind -> kind.reason).collect(Collectors.toSet());
    }

    private static void progress(String message) {
        System.out.printf("[%5.1fs] %s%n", (System.nanoTime() - STARTED) / 1e9, message);
    }
}
