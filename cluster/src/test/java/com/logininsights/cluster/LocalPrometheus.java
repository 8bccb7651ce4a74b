package com.logininsights.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Prometheus server (the {@code prometheus} binary, from Debian's package) that scrapes the given targets. It
 * listens on 127.0.0.1 at a free port, keeps its data and log in its own folder, and {@link #close()} stops it by
 * its PID.
 */
final class LocalPrometheus implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** If the test JVM is stopped before close(), Prometheus must not outlive it. */
    private final Thread killOnExit;

    /** One sample of a query's answer: the series' labels and its value at the time of the query. */
    record Series(Map<String, String> labels, double value) {}

    /** What {@code /api/v1/query} answered: the series, or Prometheus's error (a query that does not parse). */
    record Answer(String query, List<Series> series, String error) {
        boolean failed() {
            return error != null;
        }
    }

    private LocalPrometheus(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-prometheus");
    }

    /** The {@code prometheus} binary on the PATH, if installed (Debian: {@code apt-get install prometheus}). */
    static Optional<Path> binary() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "prometheus"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Starts Prometheus in {@code dir} (configuration, data and log), scraping {@code targets} ("host:port", each
     * serving /metrics) every {@code scrapeInterval} and evaluating the rules of {@code ruleFiles} (copied into
     * {@code dir}) as often, and waits until it is ready.
     */
    static LocalPrometheus start(
            Path binary, Path dir, List<String> targets, Duration scrapeInterval, List<Path> ruleFiles)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path config = dir.resolve("prometheus.yml");
        List<String> rules = new ArrayList<>();
        for (Path file : ruleFiles) {
            Files.copy(file, dir.resolve(file.getFileName()));
            rules.add("\"" + file.getFileName() + "\"");
        }
        String seconds = scrapeInterval.toSeconds() + "s";
        Files.writeString(config, """
                global:
                  scrape_interval: %s
                  scrape_timeout: %s
                  evaluation_interval: %s
                rule_files: [%s]
                scrape_configs:
                  - job_name: flink
                    static_configs:
                      - targets: [%s]
                """.formatted(
                        seconds,
                        seconds,
                        seconds,
                        String.join(", ", rules),
                        targets.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(", "))));
        int port = StandaloneCluster.freePort();
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(
                        binary.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--storage.tsdb.retention.time=1h",
                        "--web.listen-address=127.0.0.1:" + port)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        LocalPrometheus prometheus = new LocalPrometheus(process, port, log);
        Runtime.getRuntime().addShutdownHook(prometheus.killOnExit);
        try {
            prometheus.awaitReady(Duration.ofSeconds(60));
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            prometheus.close();
            throw e;
        }
        return prometheus;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "prometheus exited with " + process.exitValue() + "; its log " + log + ":\n" + logTail());
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                "prometheus not ready within " + timeout + "; its log " + log + ":\n" + logTail());
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** Scrape targets by health ("up", "down", "unknown"), with the last scrape error of those that are not up. */
    Map<String, String> targetHealth() throws IOException, InterruptedException {
        JsonNode body = JSON.readTree(get("/api/v1/targets?state=active").body());
        Map<String, String> health = new LinkedHashMap<>();
        for (JsonNode target : body.path("data").path("activeTargets")) {
            String state = target.path("health").asText();
            String error = target.path("lastError").asText("");
            health.put(
                    target.path("scrapeUrl").asText(),
                    state.equals("up") || error.isEmpty() ? state : state + " (" + error + ")");
        }
        return health;
    }

    /**
     * One rule as Prometheus last evaluated it: its health ("ok", "err", or "unknown" before its first evaluation)
     * with the error, and for an alert its state ("inactive", "pending", "firing").
     */
    record Rule(String name, String query, String health, String lastError, String state) {}

    /** Every rule of the loaded rule files, in file order. */
    List<Rule> rules() throws IOException, InterruptedException {
        JsonNode body = JSON.readTree(get("/api/v1/rules").body());
        List<Rule> rules = new ArrayList<>();
        for (JsonNode group : body.path("data").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                rules.add(new Rule(
                        rule.path("name").asText(),
                        rule.path("query").asText(),
                        rule.path("health").asText(),
                        rule.path("lastError").asText(""),
                        rule.path("state").asText("")));
            }
        }
        return rules;
    }

    /** Evaluates a PromQL expression now, through the HTTP API, as Grafana does. */
    Answer query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode body = JSON.readTree(response.body());
        if (!body.path("status").asText().equals("success")) {
            return new Answer(
                    promql,
                    List.of(),
                    "HTTP " + response.statusCode() + " "
                            + body.path("errorType").asText() + ": "
                            + body.path("error").asText());
        }
        JsonNode data = body.path("data");
        List<Series> series = new ArrayList<>();
        switch (data.path("resultType").asText()) {
            case "vector" -> {
                for (JsonNode item : data.path("result")) {
                    Map<String, String> labels = new LinkedHashMap<>();
                    item.path("metric")
                            .fields()
                            .forEachRemaining(
                                    e -> labels.put(e.getKey(), e.getValue().asText()));
                    series.add(new Series(
                            labels, Double.parseDouble(item.path("value").get(1).asText())));
                }
            }
            case "scalar" ->
                series.add(new Series(
                        Map.of(), Double.parseDouble(data.path("result").get(1).asText())));
            default -> {
                return new Answer(promql, List.of(), "unexpected result type " + data.path("resultType"));
            }
        }
        return new Answer(promql, series, null);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url() + path))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGTERM to the PID, SIGKILL after 20 s; its data folder stays for reading. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                System.err.println("prometheus (PID " + process.pid() + ") ignored SIGTERM; killing it");
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }
}
