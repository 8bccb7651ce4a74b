package com.logininsights.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.logininsights.common.Ports;
import com.logininsights.common.Topics;
import com.logininsights.common.broker.LocalKafkaBroker;
import com.logininsights.common.kafka.CommittedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The signals against ground truth: our generator (the tools jar) injects every kind of incident into its background
 * and writes down each alert the job must raise for them; the job (the local jar, {@code --bounded}, from the
 * earliest offsets, at parallelism 2) reads the stream, and a {@code read_committed} reader of its alerts must find
 * each of those alerts exactly once, fired by one of the incident's logins, and no other. A second population without
 * incidents must raise no more alerts than docs/signals.md ("What to expect from the generator") says its background
 * raises: none.
 *
 * <p>Each run is 20,000 background records sent in 10 s with event time ten times as fast (100 s of it), so that the
 * test stays short; at that pace each of the generator's 10,000 users logs in about once a minute, far below the burst
 * threshold.
 */
class IncidentsAlertedOnceIT {
    private static final Path REPO = Path.of(System.getProperty("logininsights.root", ".."))
            .toAbsolutePath()
            .normalize();
    private static final Path TOOLS_JAR = REPO.resolve("tools/target/login-insights-tools.jar");
    private static final Path JOB_JAR = REPO.resolve("job/target/login-insights-local.jar");

    private static final int PARTITIONS = 3;
    /** In the past, so that no event is ahead of the clock; fixed, so that a failure can be replayed. */
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    /** An incident every 5 s of event time: each of the six kinds three times in the 100 s. */
    private static final GeneratorProcess.Settings WITH_INCIDENTS = new GeneratorProcess.Settings(
                    20261207L, START, 2_000, 0.05, PARTITIONS, 20_000)
            .withTimeLapse(10)
            .withIncidents(InjectedIncidents.everyKindEvery(Duration.ofSeconds(5)));
    /** Another population, of the same shape, without incidents. */
    private static final GeneratorProcess.Settings WITHOUT_INCIDENTS =
            new GeneratorProcess.Settings(20261208L, START, 2_000, 0.05, PARTITIONS, 20_000).withTimeLapse(10);

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(1);
    private static final long STARTED = System.nanoTime();

    private static Path workDir;
    private static LocalKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        assertThat(TOOLS_JAR)
                .as("the tools jar (the generator); build it first: ./mvnw -B -ntp package -DskipTests")
                .isRegularFile();
        assertThat(JOB_JAR)
                .as("the job's local jar; build it first: ./mvnw -B -ntp package -DskipTests")
                .isRegularFile();
        // Under target/, so that the broker's, the generator's and the job's logs are there after a failure.
        workDir = REPO.resolve("cluster/target/incidents-" + System.currentTimeMillis());
        Files.createDirectories(workDir);
        broker = ReplayBroker.in(workDir.resolve("kafka"), TOOLS_JAR);
        broker.start();
        progress("broker up at " + broker.bootstrapServers() + ", PID " + broker.pid());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        StopAll.inOrder(broker);
    }

    @Test
    void everyInjectedIncidentIsAlertedOnceAndNothingElse() throws Exception {
        Topics topics = Topics.DEFAULT;
        Path truthFile = workDir.resolve("ground-truth.jsonl");
        List<JsonNode> alerts = run(topics, WITH_INCIDENTS, truthFile);
        List<JsonNode> truth = lines(truthFile);

        assertThat(truth).as("ground truth lines").isNotEmpty();
        assertThat(truth)
                .extracting(line -> line.get("kind").asText())
                .as("every kind of incident injected")
                .contains("takeover", "burst", "shared_device", "shared_ip", "watched_locale", "outdated_version");
        assertThat(truth)
                .filteredOn(line -> !line.get("complete").asBoolean())
                .as("incidents cut short (a paced run with a count starts none it cannot finish)")
                .isEmpty();
        assertNoAlertTwice(alerts);

        Map<String, List<JsonNode>> alertsBySignalAndSubject = new TreeMap<>();
        alerts.forEach(alert -> alertsBySignalAndSubject
                .computeIfAbsent(signalAndSubject(alert), k -> new ArrayList<>())
                .add(alert));
        List<String> wrong = new ArrayList<>();
        for (JsonNode line : truth) {
            String expected = signalAndSubject(line);
            List<JsonNode> raised = alertsBySignalAndSubject.getOrDefault(expected, List.of());
            if (raised.size() != 1) {
                wrong.add(raised.size() + " alerts for incident " + line.get("incident") + " (" + expected + ")");
                continue;
            }
            Set<String> sources = new TreeSet<>();
            line.get("sources").forEach(source -> sources.add(position(source)));
            String firedBy = position(raised.get(0).get("source"));
            if (!sources.contains(firedBy)) {
                wrong.add("incident " + line.get("incident") + " (" + expected + ") alerted for the login at " + firedBy
                        + ", not one of its own " + sources);
            }
        }
        Set<String> explained =
                truth.stream().map(IncidentsAlertedOnceIT::signalAndSubject).collect(Collectors.toSet());
        List<JsonNode> unexplained = alerts.stream()
                .filter(alert -> !explained.contains(signalAndSubject(alert)))
                .toList();
        long incidents =
                truth.stream().map(line -> line.get("incident")).distinct().count();
        progress(incidents + " incidents injected, " + truth.size() + " alerts expected; " + alerts.size()
                + " alerts raised " + countBySignal(alerts) + ", " + unexplained.size() + " of them unexplained");

        assertThat(wrong)
                .as("incidents not alerted exactly once by one of their logins")
                .isEmpty();
        assertThat(unexplained)
                .as("alerts the ground truth does not explain: the background raises none (docs/signals.md, What"
                        + " to expect from the generator)")
                .isEmpty();
    }

    @Test
    void aPopulationWithoutIncidentsRaisesNoAlert() throws Exception {
        Topics topics = new Topics(
                "quiet-" + Topics.INPUT,
                "quiet-" + Topics.PROCESSED,
                "quiet-" + Topics.DEAD_LETTERS,
                "quiet-" + Topics.INSIGHTS,
                "quiet-" + Topics.ALERTS);
        List<JsonNode> alerts = run(topics, WITHOUT_INCIDENTS, null);
        progress("no incidents: " + alerts.size() + " alerts " + countBySignal(alerts));
        assertThat(alerts)
                .as("alerts of a background without incidents (docs/signals.md, What to expect from the"
                        + " generator: none, for every signal)")
                .isEmpty();
        assertThat(enrichedCount(topics))
                .as("enriched events: the job did read the population")
                .isGreaterThan(WITHOUT_INCIDENTS.count() / 2);
    }

    /** Generates the input, runs the bounded job over it, and returns its committed alerts. */
    private static List<JsonNode> run(Topics topics, GeneratorProcess.Settings input, Path groundTruth)
            throws Exception {
        broker.clients().createTopics(topics.toCreate(PARTITIONS));
        String name = topics.input();
        Path generatorLog = workDir.resolve(name + "-generator.log");
        GeneratorProcess generator = groundTruth == null
                ? GeneratorProcess.start(TOOLS_JAR, broker.bootstrapServers(), name, input, generatorLog)
                : GeneratorProcess.startWithGroundTruth(
                        TOOLS_JAR, broker.bootstrapServers(), name, input, generatorLog, groundTruth);
        try (generator) {
            generator.stopAndCheckDelivered();
        }
        progress("generator done: " + input.describe());

        Path jobLog = workDir.resolve(name + "-job.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-jar",
                JOB_JAR.toString(),
                "--bootstrap-servers",
                broker.bootstrapServers(),
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
                name,
                "--bounded",
                "--starting-offsets",
                "earliest",
                "--parallelism",
                "2",
                "--checkpoint-interval",
                "2s",
                "--web-ui-port",
                String.valueOf(Ports.free())));
        command.addAll(input.incidents().jobFlags());
        Process job = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(jobLog.toFile())
                .start();
        try {
            assertThat(job.waitFor(4, TimeUnit.MINUTES))
                    .as("the bounded run ends; its log: %s", jobLog)
                    .isTrue();
        } finally {
            if (job.isAlive()) {
                job.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        assertThat(job.exitValue())
                .as("the job's exit code; its log: %s", jobLog)
                .isZero();
        progress("job done over " + name);
        return CommittedReader.readAll(broker.bootstrapServers(), topics.alerts(), READ_TIMEOUT).stream()
                .map(record -> OutputAudit.json(record.value()))
                .toList();
    }

    private static void assertNoAlertTwice(List<JsonNode> alerts) {
        Map<String, Long> times = alerts.stream()
                .collect(Collectors.groupingBy(alert -> alert.get("id").asText(), Collectors.counting()));
        assertThat(times)
                .as("alert ids written more than once")
                .allSatisfy((id, count) -> assertThat(count).as(id).isOne());
    }

    private static long enrichedCount(Topics topics) {
        return CommittedReader.readAll(broker.bootstrapServers(), topics.processed(), READ_TIMEOUT)
                .size();
    }

    /** "signal subject", of an alert or a ground truth line alike. */
    private static String signalAndSubject(JsonNode alertOrLine) {
        return alertOrLine.get("signal").asText() + " "
                + alertOrLine.get("subject").asText();
    }

    /** "partition/offset" of an alert's source or a ground truth source. */
    private static String position(JsonNode source) {
        return source.get("partition").asInt() + "/" + source.get("offset").asLong();
    }

    private static Map<String, Long> countBySignal(List<JsonNode> alerts) {
        return alerts.stream()
                .collect(Collectors.groupingBy(
                        alert -> alert.get("signal").asText(), TreeMap::new, Collectors.counting()));
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .filter(line -> !line.isBlank())
                .map(line -> OutputAudit.json(line.getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    private static void progress(String message) {
        System.out.printf("[%6.1fs] %s%n", (System.nanoTime() - STARTED) / 1e9, message);
    }
}
