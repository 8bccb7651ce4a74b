package com.logininsights.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.logininsights.common.broker.LocalKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Docker Compose lifecycle, proven without Docker: docker-compose.yml's job-submitter runs
 * {@code scripts/deploy-job.sh} on every {@code up}, and here it runs against a standalone cluster the same way, with
 * the cluster's savepoint and checkpoint folders as its state folders (the compose volumes).
 *
 * <ol>
 *   <li>The first run starts the job fresh. Half a window's input goes in and is committed.
 *   <li>{@code docker compose down}: the JobManager and TaskManager get SIGTERM. {@code up}: a new cluster on the same
 *       folders, and the second run resumes from the newest retained checkpoint by itself. The window's other half
 *       goes in: the window is whole, and so is the next.
 *   <li>{@code up -d --build} with a changed jar: the third run stops the job with a savepoint and starts the new jar
 *       from it; a window open across the rollout is whole.
 *   <li>{@code up} with nothing changed: the fourth run leaves the job alone.
 *   <li>{@code docker compose run --rm job-submitter --parallelism 2}: a rescale through a savepoint, which the
 *       next {@code up} keeps.
 * </ol>
 *
 * <p>Every input record is valid and its event time chosen, so each window's logins are known; no late event, and
 * every input record enriched exactly once.
 */
class ComposeLifecycleIT {
    private static final Path REPO = Path.of(System.getProperty("logininsights.root", ".."))
            .toAbsolutePath()
            .normalize();
    private static final String INPUT = "user-login";
    private static final String PROCESSED = "user-login-processed";
    private static final String INSIGHTS = "user-login-insights";
    private static final Duration PATIENCE = Duration.ofSeconds(150);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The start of the first window: whole 10 s, an hour back, so that no event time is ahead of the clock. */
    private static final long T = (Instant.now().getEpochSecond() - 3600) / 10 * 10;

    private final long started = System.nanoTime();
    private LocalKafkaBroker kafka;
    private StandaloneCluster cluster;
    private KafkaProducer<String, String> producer;
    private Path workDir;
    private int sent;
    private int partition;

    @AfterEach
    void stopEverything() throws Exception {
        StopAll.inOrder(producer, cluster, kafka);
    }

    @Test
    void downAndUpResumesTheStateAndAChangedJarRollsOutThroughASavepoint() throws Exception {
        kafka = LocalKafkaBroker.inTemporaryFolder().stopWhenThisJvmExits().build();
        kafka.start();
        kafka.clients().createTopic(INPUT, 2);
        kafka.clients().createTopic(PROCESSED, 2);
        kafka.clients().createTopic("user-login-dlq", 1);
        kafka.clients().createTopic(INSIGHTS, 1);
        kafka.clients().createTopic("user-login-alerts", 2);
        producer = producer();
        workDir = REPO.resolve("cluster/target/compose-lifecycle-it-" + System.currentTimeMillis());
        Path jar = Files.copy(
                REPO.resolve("job/target/login-insights.jar"),
                Files.createDirectories(workDir.resolve("jars")).resolve("login-insights.jar"));
        cluster = StandaloneCluster.start(REPO, workDir, 2);

        // 1. The first `up`: nothing to resume, a fresh job.
        Command first = deploy(jar);
        assertThat(first.stderr()).contains("starting fresh");
        String firstJob = first.lastLine();
        awaitRunning(firstJob);
        send(60, T, T + 4);
        awaitEnriched(sent);
        progress("1. job " + firstJob + " started fresh; half of window " + T + " committed");

        // 2. `docker compose down` (SIGTERM to every Flink process), then `up`: a new cluster on the same folders.
        cluster.close();
        cluster = StandaloneCluster.start(REPO, workDir, 2);
        Command second = deploy(jar);
        String secondJob = second.lastLine();
        assertThat(second.stderr())
                .contains("resuming from the newest savepoint or checkpoint: "
                        + workDir.resolve("checkpoints").resolve(firstJob));
        assertThat(secondJob).isNotEqualTo(firstJob);
        awaitRunning(secondJob);
        assertThat(restoredFrom(secondJob)).contains("checkpoints/" + firstJob + "/chk-");
        send(40, T + 5, T + 9);
        send(50, T + 10, T + 19);
        progress("2. job " + secondJob + " resumed from the first job's checkpoint after down and up");
        awaitWindows(List.of(T, T + 10), T + 25, T + 29);
        assertThat(logins(T)).as("the window open at `down`").isEqualTo(100);
        assertThat(logins(T + 10)).isEqualTo(50);

        // 3. `up -d --build` after a code change: another jar. Half of a window goes in before the rollout.
        send(30, T + 30, T + 34);
        awaitEnriched(sent);
        Path changed = changedCopy(jar);
        Command third = deploy(changed);
        String thirdJob = third.lastLine();
        assertThat(third.stderr()).contains("job " + secondJob + " runs, but the jar or the arguments changed");
        assertThat(thirdJob).isNotEqualTo(secondJob);
        awaitRunning(thirdJob);
        assertThat(restoredFrom(thirdJob)).contains("savepoints/savepoint-");
        send(20, T + 35, T + 39);
        progress("3. job " + thirdJob + " rolled out from a savepoint of " + secondJob);
        awaitWindows(List.of(T + 30), T + 45, T + 49);
        assertThat(logins(T + 30)).as("the window open across the rollout").isEqualTo(50);

        // 4. `up` again, nothing changed: nothing to do.
        Command fourth = deploy(changed);
        assertThat(fourth.stderr()).contains("job " + thirdJob + " already runs this jar with these arguments");
        assertThat(runningJobs()).containsExactly(thirdJob);
        progress("4. unchanged: left alone");

        // 5. `docker compose run --rm job-submitter --parallelism 2`: a rescale through a savepoint, which the next
        // plain `up` keeps.
        String rescaled = deploy(changed, "--parallelism", "2").lastLine();
        awaitRunning(rescaled);
        assertThat(cluster.get("/jobs/" + rescaled)
                        .get("vertices")
                        .get(0)
                        .get("parallelism")
                        .asInt())
                .isEqualTo(2);
        assertThat(deploy(changed).stderr()).contains("job " + rescaled + " already runs", "at parallelism 2");

        assertEveryInputEnrichedOnce();
        assertThat(insightsOfType("late_event")).as("late events").isEmpty();
        progress("5. rescaled to 2 and kept; every record once, no late event");
    }

    /** scripts/deploy-job.sh as the compose submitter runs it, with this cluster's folders as the volumes. */
    private Command deploy(Path jar, String... options) {
        List<String> line = new ArrayList<>(List.of(
                "sh",
                REPO.resolve("scripts/deploy-job.sh").toString(),
                "--jobmanager",
                cluster.restUrl(),
                "--jar",
                jar.toString(),
                "--state-dir",
                workDir.resolve("savepoints").toString(),
                "--state-dir",
                workDir.resolve("checkpoints").toString(),
                "--wait-seconds",
                "90"));
        line.addAll(List.of(options));
        line.addAll(List.of(
                "--",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--group-id",
                "login-insights-compose",
                "--window",
                "10s",
                "--checkpoint-interval",
                "1s"));
        Command command = Command.run(REPO, Duration.ofMinutes(5), line);
        command.checkSuccess();
        assertThat(command.lastLine()).matches("[0-9a-f]{32}");
        return command;
    }

    /** Valid logins of distinct users, event times spread from {@code from} to {@code to}, over both partitions. */
    private void send(int count, long from, long to) throws Exception {
        for (int i = 0; i < count; i++) {
            long time = from + (to - from) * i / Math.max(1, count - 1);
            String user = "user-" + sent;
            producer.send(new ProducerRecord<>(INPUT, partition, null, InputFeeder.login(user, time)))
                    .get(30, TimeUnit.SECONDS);
            partition = 1 - partition;
            sent++;
        }
    }

    /**
     * Waits until each window's summary is committed, writing a few records a second with event times between
     * {@code from} and {@code to} meanwhile, as live input would, so that event time passes the windows' ends.
     */
    private void awaitWindows(List<Long> windows, long from, long to) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!windows.stream().allMatch(window -> summary(window) != null)) {
            assertThat(System.nanoTime()).as("windows %s closed", windows).isLessThan(deadline);
            send(2, from, to);
            Thread.sleep(500);
        }
    }

    private long logins(long window) {
        return summary(window).get("logins").asLong();
    }

    private JsonNode summary(long window) {
        String start = Instant.ofEpochSecond(window).toString();
        return insightsOfType("summary").stream()
                .filter(summary -> summary.get("window_start").asText().equals(start))
                .reduce((earlier, later) -> later)
                .orElse(null);
    }

    private List<JsonNode> insightsOfType(String type) {
        List<JsonNode> found = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record :
                kafka.clients().readAllCommitted(INSIGHTS, Duration.ofSeconds(30))) {
            JsonNode value = json(record.value());
            if (value.get("type").asText().equals(type)) {
                found.add(value);
            }
        }
        return found;
    }

    private void awaitEnriched(int count) {
        List<ConsumerRecord<byte[], byte[]>> read =
                kafka.clients().readCommitted(List.of(PROCESSED), PATIENCE, records -> records.size() >= count);
        assertThat(read).as("enriched events committed").hasSizeGreaterThanOrEqualTo(count);
    }

    private void assertEveryInputEnrichedOnce() {
        Map<String, Integer> times = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record :
                kafka.clients().readAllCommitted(PROCESSED, Duration.ofSeconds(30))) {
            times.merge(json(record.value()).get("user_id").asText(), 1, Integer::sum);
        }
        assertThat(times).hasSize(sent);
        assertThat(times.values()).as("each enriched once").containsOnly(1);
    }

    private void awaitRunning(String jobId) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!cluster.get("/jobs/" + jobId).get("state").asText().equals("RUNNING")) {
            assertThat(System.nanoTime()).as("job %s running", jobId).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** Where Flink says the job's state came from. */
    private String restoredFrom(String jobId) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode restored;
        while ((restored = cluster.get("/jobs/" + jobId + "/checkpoints")
                                .path("latest")
                                .path("restored"))
                        .isMissingNode()
                || restored.isNull()) {
            assertThat(System.nanoTime()).as("job %s restored", jobId).isLessThan(deadline);
            Thread.sleep(500);
        }
        return restored.path("external_path").asText();
    }

    private List<String> runningJobs() throws Exception {
        List<String> running = new ArrayList<>();
        for (JsonNode job : cluster.get("/jobs/overview").get("jobs")) {
            if (job.get("state").asText().equals("RUNNING")) {
                running.add(job.get("jid").asText());
            }
        }
        return running;
    }

    /** A copy of the jar with one more file in it: a new build, as far as the submitter can tell. */
    private Path changedCopy(Path jar) throws IOException {
        Path changed = Files.copy(jar, jar.resolveSibling("login-insights-changed.jar"));
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + changed.toUri()), Map.of())) {
            Files.writeString(zip.getPath("login-insights-build.txt"), "a changed build\n");
        }
        return changed;
    }

    private KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static JsonNode json(byte[] value) {
        try {
            return JSON.readTree(new String(value, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void progress(String message) {
        System.out.printf("[%5.1fs] %s%n", (System.nanoTime() - started) / 1e9, message);
    }
}
