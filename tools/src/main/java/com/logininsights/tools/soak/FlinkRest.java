package com.logininsights.tools.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the soak asks the job's Flink REST API (the local MiniCluster's web UI port): whether the job runs, its
 * latest completed checkpoint, its restarts and the Kafka source's pending records.
 */
final class FlinkRest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The latest completed checkpoint, if any, and how many checkpoints failed so far (triggers included). */
    record Checkpoints(Optional<Completed> latest, long failed) {}

    /**
     * A completed checkpoint: its number, how long it took from trigger to completion, the full size of the state it
     * stands for ({@code state_size}), and what it uploaded itself ({@code checkpointed_size}): the same with full
     * checkpoints, less with RocksDB's incremental ones, which reuse the files of earlier checkpoints.
     */
    record Completed(long id, long durationMillis, long stateSizeBytes, long uploadedBytes) {}

    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private String jobId;
    private String pendingRecordsMetric;
    private String sourceVertex;

    FlinkRest(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** True once the job runs with every task running; remembers the job's id for the other calls. */
    boolean jobRunning() {
        try {
            JsonNode jobs = get("/jobs/overview").path("jobs");
            for (JsonNode job : jobs) {
                if ("RUNNING".equals(job.path("state").asText())) {
                    JsonNode tasks = job.path("tasks");
                    if (tasks.path("total").asInt() > 0
                            && tasks.path("running").asInt()
                                    == tasks.path("total").asInt()) {
                        jobId = job.path("jid").asText();
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    Checkpoints checkpoints() throws IOException {
        JsonNode stats = get("/jobs/" + jobId() + "/checkpoints");
        JsonNode latest = stats.path("latest").path("completed");
        Optional<Completed> completed = latest.isMissingNode() || latest.isNull()
                ? Optional.empty()
                : Optional.of(new Completed(
                        latest.path("id").asLong(),
                        latest.path("end_to_end_duration").asLong(),
                        latest.path("state_size").asLong(),
                        latest.path("checkpointed_size").asLong()));
        return new Checkpoints(completed, stats.path("counts").path("failed").asLong());
    }

    /** How often the job restarted; empty in the first seconds, before the REST API has fetched its metrics. */
    OptionalLong restarts() throws IOException {
        for (JsonNode metric : get("/jobs/" + jobId() + "/metrics?get=numRestarts")) {
            return OptionalLong.of(metric.path("value").asLong());
        }
        return OptionalLong.empty();
    }

    /**
     * Records the Kafka source has not read yet, summed over its subtasks: its {@code pendingRecords} metric. Flink's
     * REST API refreshes metrics every 10 s, so the value can be that old. Empty before the source reports one.
     */
    OptionalLong pendingRecords() throws IOException {
        if (pendingRecordsMetric == null && !findPendingRecordsMetric()) {
            return OptionalLong.empty();
        }
        JsonNode values = get("/jobs/" + jobId() + "/vertices/" + sourceVertex + "/subtasks/metrics?get="
                + URLEncoder.encode(pendingRecordsMetric, StandardCharsets.UTF_8) + "&agg=sum");
        for (JsonNode metric : values) {
            if (metric.has("sum")) {
                return OptionalLong.of(Math.round(metric.path("sum").asDouble()));
            }
        }
        return OptionalLong.empty();
    }

    /** The metric is named after the source operator ({@code Source__Kafka_source__<topic>.pendingRecords}). */
    private boolean findPendingRecordsMetric() throws IOException {
        for (JsonNode vertex : get("/jobs/" + jobId()).path("vertices")) {
            if (!vertex.path("name").asText().startsWith("Source:")) {
                continue;
            }
            String vertexId = vertex.path("id").asText();
            for (JsonNode metric : get("/jobs/" + jobId() + "/vertices/" + vertexId + "/metrics")) {
                String id = metric.path("id").asText();
                if (id.endsWith(".pendingRecords")) {
                    // Per subtask the ids read "<subtask>.<operator>.pendingRecords"; the aggregate takes the rest.
                    sourceVertex = vertexId;
                    pendingRecordsMetric = id.substring(id.indexOf('.') + 1);
                    return true;
                }
            }
        }
        return false;
    }

    private String jobId() throws IOException {
        if (jobId == null) {
            throw new IOException("no running job seen yet");
        }
        return jobId;
    }

    private JsonNode get(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + path + " answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during GET " + path);
        }
    }
}
