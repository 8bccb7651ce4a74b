package com.logininsights.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Flink standalone session cluster started by {@code scripts/flink-cluster} (the script users run) with its own
 * work directory and free ports, so that it can run beside a developer's cluster on 8081/6123/9249.
 *
 * <p>Every process it starts is recorded by the script in {@code <work dir>/run/*.pid}; {@link #close()} stops them
 * with the script and then kills, by those PIDs, anything still alive.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path repo;
    private final Path workDir;
    private final int restPort;
    private final int rpcPort;
    private final int jobManagerMetricsPort;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Every PID the script recorded while this object watched, to kill in close() whatever the script left. */
    private final List<Long> seenPids = new ArrayList<>();
    /** If the test JVM is stopped before close() (Ctrl-C on Maven), its Flink processes must not outlive it. */
    private final Thread killOnExit = new Thread(this::killLeftovers, "kill-flink-cluster");

    private StandaloneCluster(Path repo, Path workDir, int restPort, int rpcPort, int jobManagerMetricsPort) {
        this.repo = repo;
        this.workDir = workDir;
        this.restPort = restPort;
        this.rpcPort = rpcPort;
        this.jobManagerMetricsPort = jobManagerMetricsPort;
    }

    /** Starts a JobManager and one TaskManager with {@code slots} slots and waits until it has registered. */
    static StandaloneCluster start(Path repo, Path workDir, int slots, String... extraConf) {
        StandaloneCluster cluster = new StandaloneCluster(repo, workDir, freePort(), freePort(), freePort());
        Runtime.getRuntime().addShutdownHook(cluster.killOnExit);
        List<String> command = new ArrayList<>(List.of(
                repo.resolve("scripts/flink-cluster").toString(),
                "start",
                "--work-dir",
                workDir.toString(),
                "--rest-port",
                String.valueOf(cluster.restPort),
                "--rpc-port",
                String.valueOf(cluster.rpcPort),
                "--metrics-port",
                String.valueOf(cluster.jobManagerMetricsPort),
                "--slots",
                String.valueOf(slots)));
        for (String conf : extraConf) {
            command.addAll(List.of("-D", conf));
        }
        try {
            Command.run(repo, Duration.ofMinutes(3), command).checkSuccess();
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        cluster.rememberPids();
        return cluster;
    }

    /** Starts one more TaskManager (scripts/flink-cluster start-taskmanager) with a free Prometheus port. */
    void startTaskManager() {
        try {
            Command.run(
                            repo,
                            Duration.ofMinutes(3),
                            repo.resolve("scripts/flink-cluster").toString(),
                            "start-taskmanager",
                            "--work-dir",
                            workDir.toString(),
                            "--metrics-port",
                            String.valueOf(freePort()))
                    .checkSuccess();
        } finally {
            rememberPids();
        }
    }

    /** Kills TaskManager number {@code index} with SIGKILL, as a crash or the OOM killer would. */
    void killTaskManager(int index) throws Exception {
        long pid = pid("taskmanager-" + index).orElseThrow(() -> new IllegalStateException("no taskmanager-" + index));
        Command.run(repo, Duration.ofSeconds(30), "kill", "-KILL", String.valueOf(pid))
                .checkSuccess();
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
    }

    int restPort() {
        return restPort;
    }

    String restUrl() {
        return "http://localhost:" + restPort;
    }

    Path workDir() {
        return workDir;
    }

    int jobManagerMetricsPort() {
        return jobManagerMetricsPort;
    }

    /** The Prometheus port the script gave TaskManager number {@code index}. */
    int taskManagerMetricsPort(int index) throws IOException {
        return Integer.parseInt(Files.readString(workDir.resolve("run/taskmanager-" + index + ".metrics-port"))
                .strip());
    }

    Optional<Long> pid(String process) {
        Path file = workDir.resolve("run/" + process + ".pid");
        try {
            return Files.exists(file)
                    ? Optional.of(Long.parseLong(Files.readString(file).strip()))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** GET a REST path of the JobManager as JSON. */
    JsonNode get(String path) throws IOException, InterruptedException {
        String body = httpGet(restUrl() + path);
        return JSON.readTree(body);
    }

    String httpGet(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private synchronized void rememberPids() {
        try (Stream<Path> files = Files.list(workDir.resolve("run"))) {
            files.filter(f -> f.toString().endsWith(".pid")).forEach(f -> {
                try {
                    long pid = Long.parseLong(Files.readString(f).strip());
                    if (!seenPids.contains(pid)) {
                        seenPids.add(pid);
                    }
                } catch (IOException | NumberFormatException e) {
                    // a file being rewritten; the next look will see it
                }
            });
        } catch (IOException e) {
            // no run directory: nothing was started
        }
    }

    /** Stops the cluster with the script, then kills by PID whatever it started that is still alive. */
    @Override
    public void close() {
        rememberPids();
        try {
            Command.run(
                    repo,
                    Duration.ofMinutes(2),
                    repo.resolve("scripts/flink-cluster").toString(),
                    "stop",
                    "--work-dir",
                    workDir.toString(),
                    "--timeout",
                    "20");
        } catch (RuntimeException e) {
            System.err.println("scripts/flink-cluster stop failed: " + e);
        }
        killLeftovers();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        // What the processes unpacked and uploaded (tens of MB a run); the logs, conf and savepoints stay.
        deleteRecursively(workDir.resolve("tmp"));
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    private synchronized void killLeftovers() {
        rememberPids();
        for (long pid : seenPids) {
            ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().orElse("").contains(workDir.toString()))
                    .ifPresent(p -> {
                        System.err.println("killing leftover Flink process " + pid);
                        p.destroyForcibly();
                    });
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
