package com.logininsights.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The REST API behind a Flink web UI, read as the UI and its users read it: plain GETs on 127.0.0.1.
 * {@link #everythingAbout(String)} walks every read-only endpoint Flink 2.2 has for a cluster and one job.
 */
public final class FlinkRestApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int METRICS_PER_REQUEST = 40;

    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkRestApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** One answer: its HTTP status and its body. */
    public record Response(int status, String body) {
        public boolean ok() {
            return status == 200;
        }
    }

    public Response get(String path) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path, e);
        }
    }

    public JsonNode json(String path) throws InterruptedException {
        Response response = get(path);
        if (!response.ok()) {
            throw new IllegalStateException("GET " + path + ": " + response.status() + " " + response.body());
        }
        return parse(response.body());
    }

    /** The id of a job in state RUNNING, once the web UI answers and shows one. */
    public String awaitRunningJob(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> running = runningJob();
            if (running.isPresent()) {
                return running.get();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no job was RUNNING on " + base + " within " + patience);
    }

    private Optional<String> runningJob() throws InterruptedException {
        try {
            for (JsonNode job : json("/jobs/overview").path("jobs")) {
                if (job.path("state").asText().equals("RUNNING")) {
                    return Optional.of(job.path("jid").asText());
                }
            }
        } catch (UncheckedIOException | IllegalStateException notYet) {
            // the web UI is not up yet
        }
        return Optional.empty();
    }

    /**
     * Every read-only endpoint about the cluster and the job, path by path: overview and configuration, the job's
     * details, configuration, plan, exceptions, checkpoints (with the latest one's details), accumulators, every
     * vertex and subtask, the JobManager's and every TaskManager's details, environment, thread dump and log files,
     * and the value of every metric. Endpoints that answer with an error are kept too, with their status.
     */
    public Map<String, Response> everythingAbout(String jobId) throws InterruptedException {
        Map<String, Response> seen = new LinkedHashMap<>();
        String job = "/jobs/" + jobId;
        List<String> metricLists = new ArrayList<>(List.of("/jobmanager/metrics", "/jobs/metrics", job + "/metrics"));
        for (String path : List.of(
                "/config",
                "/overview",
                "/jobs",
                "/jobs/overview",
                "/jobmanager/config",
                "/jobmanager/environment",
                "/jobmanager/thread-dump",
                "/jobmanager/logs",
                "/jobmanager/log",
                "/jobmanager/stdout",
                "/taskmanagers",
                job,
                job + "/status",
                job + "/config",
                job + "/plan",
                job + "/exceptions",
                job + "/checkpoints",
                job + "/checkpoints/config",
                job + "/accumulators",
                job + "/resource-requirements",
                job + "/jobmanager/config",
                job + "/jobmanager/environment",
                job + "/jobmanager/log-url")) {
            seen.put(path, get(path));
        }
        for (JsonNode log : parse(seen.get("/jobmanager/logs").body()).path("logs")) {
            String path = "/jobmanager/logs/" + encode(log.path("name").asText());
            seen.put(path, get(path));
        }

        List<String> vertices = new ArrayList<>();
        for (JsonNode vertex : parse(seen.get(job).body()).path("vertices")) {
            String path = job + "/vertices/" + vertex.path("id").asText();
            vertices.add(vertex.path("id").asText());
            for (String part : List.of(
                    "",
                    "/accumulators",
                    "/subtasktimes",
                    "/taskmanagers",
                    "/watermarks",
                    "/backpressure",
                    "/subtasks/accumulators")) {
                seen.put(path + part, get(path + part));
            }
            metricLists.addAll(List.of(path + "/metrics", path + "/subtasks/metrics", path + "/jm-operator-metrics"));
            for (int subtask = 0; subtask < vertex.path("parallelism").asInt(); subtask++) {
                String attempt = path + "/subtasks/" + subtask + "/attempts/0";
                for (String subtaskPath : List.of(path + "/subtasks/" + subtask, attempt, attempt + "/accumulators")) {
                    seen.put(subtaskPath, get(subtaskPath));
                }
                metricLists.add(path + "/subtasks/" + subtask + "/metrics");
            }
        }

        JsonNode latest =
                parse(seen.get(job + "/checkpoints").body()).path("latest").path("completed");
        if (latest.has("id")) {
            String details = job + "/checkpoints/details/" + latest.path("id").asText();
            seen.put(details, get(details));
            for (String vertex : vertices) {
                seen.put(details + "/subtasks/" + vertex, get(details + "/subtasks/" + vertex));
            }
        }

        metricLists.add("/taskmanagers/metrics");
        for (JsonNode taskManager : parse(seen.get("/taskmanagers").body()).path("taskmanagers")) {
            String id = taskManager.path("id").asText();
            String path = "/taskmanagers/" + encode(id);
            for (String part : List.of("", "/logs", "/log", "/stdout", "/thread-dump")) {
                seen.put(path + part, get(path + part));
            }
            for (JsonNode log : parse(seen.get(path + "/logs").body()).path("logs")) {
                String logPath = path + "/logs/" + encode(log.path("name").asText());
                seen.put(logPath, get(logPath));
            }
            String logUrl = job + "/taskmanagers/" + encode(id) + "/log-url";
            seen.put(logUrl, get(logUrl));
            metricLists.add(path + "/metrics");
        }

        for (String list : metricLists) {
            seen.put(list, get(list));
            seen.putAll(metricValues(list, parse(seen.get(list).body())));
        }
        return seen;
    }

    /** Asks for the metrics a list names, a few at a time, as the web UI does. */
    private Map<String, Response> metricValues(String list, JsonNode names) throws InterruptedException {
        Map<String, Response> values = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        names.forEach(metric -> ids.add(metric.path("id").asText()));
        for (int from = 0; from < ids.size(); from += METRICS_PER_REQUEST) {
            String path = list + "?get="
                    + encode(String.join(",", ids.subList(from, Math.min(ids.size(), from + METRICS_PER_REQUEST))));
            values.put(path, get(path));
        }
        return values;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.missingNode();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
