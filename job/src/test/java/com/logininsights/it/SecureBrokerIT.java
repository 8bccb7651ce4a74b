package com.logininsights.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.common.Ports;
import com.logininsights.common.broker.BrokerClients.Record;
import com.logininsights.config.PseudonymKey;
import com.logininsights.testing.FlinkRestApi;
import com.logininsights.testing.JobRun;
import com.logininsights.testing.KafkaBroker;
import com.logininsights.testing.Outputs;
import com.logininsights.testing.VisibleText;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local jar, in its own process as a user runs it, against a broker that requires TLS and a SCRAM password
 * ({@code SASL_SSL}), configured as a Kubernetes secret would configure it: a mounted properties file and an
 * environment variable. It reads and writes exactly once over that listener, and then the password is searched for
 * everywhere someone other than the job's owner can look: the process list, every log, and everything the job's
 * REST API (the Flink web UI) serves; so is the key of {@code --pseudonymise}. The same search finds the password
 * when it is given on the command line. The web UI and REST API listen on the loopback address alone.
 */
class SecureBrokerIT {
    private static final Path JAR = Path.of("target/login-insights-local.jar");
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String JAAS_VARIABLE = "LOGIN_INSIGHTS_KAFKA_SASL_JAAS_CONFIG";
    /** Letters and digits, as the broker's passwords, so that no quoting hides it from the search. */
    private static final String PSEUDONYM_KEY =
            "pseudonymkey" + UUID.randomUUID().toString().replace("-", "");

    @RegisterExtension
    static final KafkaBroker BROKER = KafkaBroker.saslSsl();

    @Test
    void theJobRunsOverSaslSslWithSecretsFromAFileAndTheEnvironmentAndShowsThemNowhere(@TempDir Path folder)
            throws Exception {
        createTopics("secure");
        BROKER.produce("secure-in", input());
        // As Kubernetes would mount a secret: TLS settings in a file, the login and the pseudonym key in environment
        // variables.
        Path secret = writeSecretFile(folder, "sasl.jaas.config");
        JobProcess job = JobProcess.start(
                folder,
                jobFlags("secure", "--kafka-properties-file", secret.toString(), "--pseudonymise"),
                Map.of(JAAS_VARIABLE, BROKER.jaasConfig(), PseudonymKey.ENVIRONMENT_VARIABLE, PSEUDONYM_KEY));
        VisibleText visible = new VisibleText();
        Map<String, FlinkRestApi.Response> rest;
        String jobId;
        try {
            List<ConsumerRecord<byte[], byte[]>> enriched =
                    BROKER.readCommitted("secure-processed", PATIENCE, read -> read.size() >= 20);
            List<ConsumerRecord<byte[], byte[]>> deadLetters =
                    BROKER.readCommitted("secure-dlq", PATIENCE, read -> read.size() >= 4);
            assertThat(enriched)
                    .as("enriched records, read_committed over SASL_SSL")
                    .hasSize(20);
            assertThat(Outputs.values(deadLetters))
                    .as("dead letters, read_committed over SASL_SSL")
                    .map(letter -> letter.get("reason").asText())
                    .containsExactlyInAnyOrder("empty", "not_json", "not_object", "missing_timestamp");

            jobId = job.api().awaitRunningJob(PATIENCE);
            assertThat(Ports.listeningAddresses(job.webUiPort()))
                    .as("addresses the web UI and REST API listen on")
                    .isNotEmpty()
                    .allMatch(InetAddress::isLoopbackAddress);
            visible.addProcess(job.process().toHandle());
            Path environment = Path.of("/proc", String.valueOf(job.process().pid()), "environ");
            if (Files.isReadable(environment)) {
                // Where the secret is meant to be: in the process's environment, which only its user and root read.
                assertThat(new String(Files.readAllBytes(environment), StandardCharsets.UTF_8))
                        .contains(BROKER.password())
                        .contains(PSEUDONYM_KEY);
            }
            rest = job.api().everythingAbout(jobId);
            rest.forEach((path, response) -> visible.add("GET " + path, response.body()));
        } finally {
            job.stop();
        }
        job.addLogsTo(visible);

        assertThat(visible.placesShowing(BROKER.password()))
                .as("places showing the SASL password")
                .isEmpty();
        assertThat(visible.placesShowing(BROKER.truststorePassword()))
                .as("places showing the truststore password")
                .isEmpty();
        assertThat(visible.placesShowing(PSEUDONYM_KEY))
                .as("places showing the pseudonym key")
                .isEmpty();

        // The search looked where the secrets would show: the REST API served the job and the logs, the job's
        // configuration names the settings, and the logs hold every Kafka client's settings.
        String jobPath = "/jobs/" + jobId;
        for (String path : List.of(
                jobPath,
                jobPath + "/config",
                jobPath + "/plan",
                jobPath + "/exceptions",
                jobPath + "/checkpoints",
                "/jobmanager/config",
                "/jobmanager/environment",
                "/jobmanager/log",
                "/taskmanagers")) {
            assertThat(rest.get(path).ok()).as("GET %s answered", path).isTrue();
        }
        String taskManagerLog = rest.keySet().stream()
                .filter(path -> path.matches("/taskmanagers/[^/]+/log"))
                .findFirst()
                .orElseThrow();
        String taskManager = taskManagerLog.substring(0, taskManagerLog.length() - "/log".length());
        assertThat(rest.get(taskManager).ok())
                .as("GET %s answered", taskManager)
                .isTrue();
        assertThat(rest.get(taskManagerLog).body())
                .as("the web UI serves the TaskManager's log, where the source's consumer logs its settings")
                .contains("sasl.jaas.config = [hidden]");
        assertThat(visible.text("GET " + jobPath + "/config"))
                .as("the job's configuration names its Kafka settings")
                .contains("sasl.jaas.config")
                .contains("ssl.truststore.password")
                .contains("from the environment variable " + PseudonymKey.ENVIRONMENT_VARIABLE);
        assertThat(rest.keySet())
                .as("the web UI serves every file in the log's folder, which is why no secret may live there")
                .contains("/jobmanager/logs/job.log", "/jobmanager/logs/job.out", "/jobmanager/logs/job.err");
        assertThat(visible.text("GET /jobmanager/environment"))
                .as("the web UI lists the JVM's options, which is why no secret may be a -D system property")
                .contains("-Dlog.file=");
        assertThat(visible.text("GET /jobmanager/log"))
                .as("the web UI serves the job's log")
                .contains("Starting login-insights");
        assertThat(visible.text("log file"))
                .as("the Kafka clients log their settings, with the secrets hidden")
                .contains("sasl.jaas.config = [hidden]")
                .contains("ssl.truststore.password = [hidden]");
        System.out.printf(
                "Searched %d places (%d characters, %d REST answers) for the passwords%n",
                visible.size(), visible.characters(), rest.size());
    }

    @Test
    void aPasswordGivenOnTheCommandLineIsFoundInTheProcessList(@TempDir Path folder) throws Exception {
        createTopics("exposed");
        BROKER.produce("exposed-in", input());
        Path secret = writeSecretFile(folder, "sasl.jaas.config");
        JobProcess job = JobProcess.start(
                folder,
                jobFlags(
                        "exposed",
                        "--kafka-properties-file",
                        secret.toString(),
                        "--kafka-property",
                        "sasl.jaas.config=" + BROKER.jaasConfig()),
                Map.of());
        VisibleText visible = new VisibleText();
        try {
            assertThat(BROKER.readCommitted("exposed-processed", PATIENCE, read -> read.size() >= 20))
                    .as("the run works")
                    .hasSize(20);
            String jobId = job.api().awaitRunningJob(PATIENCE);
            visible.addProcess(job.process().toHandle());
            job.api().everythingAbout(jobId).forEach((path, response) -> visible.add("GET " + path, response.body()));
        } finally {
            job.stop();
        }
        job.addLogsTo(visible);

        System.out.println("With --kafka-property the password shows in: " + visible.placesShowing(BROKER.password()));
        assertThat(visible.placesShowing(BROKER.password()))
                .as("places showing the SASL password")
                .contains("command line (ProcessHandle)", "arguments (ProcessHandle)");
        assertThat(visible.text("log file"))
                .as("the job tells where the secret belongs")
                .contains("--kafka-property sasl.jaas.config holds a secret")
                .contains("LOGIN_INSIGHTS_KAFKA_SASL_JAAS_CONFIG");
    }

    /** Twenty logins and four records of different kinds the job rejects, over two partitions. */
    private static List<Record> input() {
        long now = System.currentTimeMillis() / 1000;
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(Record.of(
                    i % 2,
                    "{\"user_id\": \"user-" + i + "\", \"device_type\": \"android\", \"locale\": \"TX\","
                            + " \"timestamp\": " + (now - 60 + i) + "}"));
        }
        records.add(Record.of(0, ""));
        records.add(Record.of(1, "not json"));
        records.add(Record.of(0, "[1, 2]"));
        records.add(Record.of(1, "{\"user_id\": \"user-x\"}"));
        return records;
    }

    /**
     * The broker's client settings, but for those named, as the file of a mounted secret: in a folder of its own,
     * for the web UI serves every file in the folder of the log.
     */
    private static Path writeSecretFile(Path folder, String... leftOut) throws IOException {
        Properties settings = new Properties();
        settings.putAll(BROKER.clientSecurity());
        for (String key : leftOut) {
            settings.remove(key);
        }
        Path file = Files.createDirectories(folder.resolve("secret")).resolve("kafka-client.properties");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            settings.store(writer, "Kafka client settings of login-insights");
        }
        return file;
    }

    private static void createTopics(String name) throws Exception {
        JobRun.createTopics(BROKER, name, 2);
    }

    private static List<String> jobFlags(String name, String... extra) {
        List<String> flags = JobRun.flags(BROKER, name, "--starting-offsets", "earliest", "--parallelism", "1");
        flags.addAll(List.of(extra));
        return flags;
    }

    /**
     * {@code java -jar login-insights-local.jar} in its own process, logging everything at INFO to its console and to
     * a log file that its web UI serves, as a cluster's JobManager and TaskManager do.
     */
    private record JobProcess(Process process, FlinkRestApi api, int webUiPort, Path logs) {
        static JobProcess start(Path folder, List<String> flags, Map<String, String> environment)
                throws IOException, URISyntaxException {
            assertThat(JAR).as("the local jar; the package phase builds it").isRegularFile();
            Path logs = Files.createDirectories(folder.resolve("logs"));
            Path logging =
                    Path.of(Objects.requireNonNull(SecureBrokerIT.class.getResource("/log4j2-job-process.properties"))
                            .toURI());
            int webUiPort = freePort();
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx512m",
                    "-Dlog4j.configurationFile=" + logging,
                    "-Dlog.file=" + logs.resolve("job.log"),
                    "-jar",
                    JAR.toString()));
            command.addAll(flags);
            command.addAll(List.of("--web-ui-port", String.valueOf(webUiPort)));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(logs.resolve("job.out").toFile())
                    .redirectError(logs.resolve("job.err").toFile());
            builder.environment().putAll(environment);
            return new JobProcess(builder.start(), new FlinkRestApi(webUiPort), webUiPort, logs);
        }

        /** SIGTERM, as Ctrl-C in a terminal, then waits for the process to end. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }

        void addLogsTo(VisibleText visible) throws IOException {
            visible.addFile("stdout", logs.resolve("job.out"));
            visible.addFile("stderr", logs.resolve("job.err"));
            visible.addFile("log file", logs.resolve("job.log"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
