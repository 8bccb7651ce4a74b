package com.logininsights.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The job's life on a {@link StandaloneCluster}, driven the way an operator drives it: the repository's REST scripts
 * to submit, stop with a savepoint and resume, and the REST API to watch.
 */
final class FlinkJobs {
    /** What a job's checkpoint statistics say. */
    record Checkpoints(long completed, long failed) {}

    private final Path repo;
    private final StandaloneCluster cluster;
    private final Path jobJar;

    FlinkJobs(Path repo, StandaloneCluster cluster, Path jobJar) {
        this.repo = repo;
        this.cluster = cluster;
        this.jobJar = jobJar;
    }

    /**
     * Submits the jar with scripts/submit-job.sh, or with scripts/resume-from-savepoint.sh given a savepoint; returns
     * the job id.
     */
    String submit(Optional<String> savepoint, int parallelism, List<String> jobArgs) {
        List<String> command = submitCommand(savepoint, parallelism, jobArgs);
        Command submitted = Command.run(repo, Duration.ofMinutes(2), command);
        submitted.checkSuccess();
        String jobId = submitted.lastLine();
        if (!jobId.matches("[0-9a-f]{32}")) {
            throw new AssertionError("no job id from " + command);
        }
        return jobId;
    }

    /** The command {@link #submit} runs. */
    List<String> submitCommand(Optional<String> savepoint, int parallelism, List<String> jobArgs) {
        List<String> command = new ArrayList<>();
        if (savepoint.isEmpty()) {
            command.add(repo.resolve("scripts/submit-job.sh").toString());
        } else {
            command.addAll(
                    List.of(repo.resolve("scripts/resume-from-savepoint.sh").toString(), savepoint.get()));
        }
        command.addAll(List.of(
                "--jobmanager",
                cluster.restUrl(),
                "--jar",
                jobJar.toString(),
                "--parallelism",
                String.valueOf(parallelism),
                "--wait-seconds",
                "60",
                "--"));
        command.addAll(jobArgs);
        return command;
    }

    /**
     * Stops the job with scripts/stop-with-savepoint.sh (with {@code --drain}: every open window fires first) and
     * waits until it is FINISHED; returns the savepoint's path.
     */
    String stopWithSavepoint(String jobId, boolean drain) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                repo.resolve("scripts/stop-with-savepoint.sh").toString(),
                "--jobmanager",
                cluster.restUrl(),
                "--wait-seconds",
                "180"));
        if (drain) {
            command.add("--drain");
        }
        command.add(jobId);
        String savepoint =
                Command.run(repo, Duration.ofMinutes(4), command).checkSuccess().strip();
        if (!savepoint.startsWith("file:")) {
            throw new AssertionError("no savepoint path from " + command + ": " + savepoint);
        }
        awaitState(jobId, "FINISHED", Duration.ofMinutes(2));
        return savepoint;
    }

    /**
     * Waits until the job is RUNNING with every subtask RUNNING on the given TaskManager: after a TaskManager loss,
     * "all running" alone could still describe the dead TaskManager's tasks, before the JobManager has noticed.
     */
    void awaitAllTasksRunningOn(String jobId, String taskManagerId, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            JsonNode job = cluster.get("/jobs/" + jobId);
            last = job.path("state").asText();
            if (last.equals("RUNNING") && allSubtasksRunningOn(jobId, job, taskManagerId)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + jobId + " not running on " + taskManagerId + " within " + patience
                + " (state " + last + "); exceptions: " + cluster.get("/jobs/" + jobId + "/exceptions"));
    }

    private boolean allSubtasksRunningOn(String jobId, JsonNode job, String taskManagerId) throws Exception {
        for (JsonNode vertex : job.path("vertices")) {
            JsonNode detail = cluster.get(
                    "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText());
            for (JsonNode subtask : detail.path("subtasks")) {
                if (!subtask.path("status").asText().equals("RUNNING")
                        || !subtask.path("taskmanager-id").asText().equals(taskManagerId)) {
                    return false;
                }
            }
        }
        return true;
    }

    void awaitState(String jobId, String state, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        String last;
        while (!(last = cluster.get("/jobs/" + jobId).path("state").asText()).equals(state)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + jobId + " did not reach " + state + " within " + patience + " (state "
                        + last + "); exceptions: " + cluster.get("/jobs/" + jobId + "/exceptions"));
            }
            Thread.sleep(500);
        }
    }

    /**
     * How often the job has failed and restarted: the entries of its exception history (each failure the JobManager
     * handled by restarting, concurrent task failures grouped into one). Read from the job itself rather than from
     * the numRestarts metric, which the REST API serves from a cache that can be seconds old.
     */
    long restarts(String jobId) throws Exception {
        JsonNode history =
                cluster.get("/jobs/" + jobId + "/exceptions?maxExceptions=1000").path("exceptionHistory");
        if (history.path("truncated").asBoolean()) {
            throw new AssertionError("the exception history of job " + jobId + " is truncated");
        }
        return history.path("entries").size();
    }

    Checkpoints checkpoints(String jobId) throws Exception {
        JsonNode counts = cluster.get("/jobs/" + jobId + "/checkpoints").path("counts");
        return new Checkpoints(
                counts.path("completed").asLong(), counts.path("failed").asLong());
    }
}
