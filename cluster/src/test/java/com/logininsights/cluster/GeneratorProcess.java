package com.logininsights.cluster;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Our data generator ({@code com.logininsights.tools.generator.LoginEventGenerator}, the tools module's jar) as a
 * child process, writing to the input topic at a steady rate until it is stopped. The same seed and start time give
 * the same records byte for byte, so a run's input can be produced again from the figures it prints.
 */
final class GeneratorProcess implements AutoCloseable {
    /**
     * The generator's producer gives up on a record after 30 s by default, and waits at most 30 s for the topic's
     * metadata when the broker has gone; a broker restart takes longer on a busy machine, and the matrix wants every
     * record delivered, late if need be.
     */
    private static final List<String> RIDE_THROUGH_A_BROKER_RESTART =
            List.of("--producer-property", "delivery.timeout.ms=600000", "--producer-property", "max.block.ms=600000");

    /** What the generator was asked to write. */
    record Settings(long seed, Instant startTime, int recordsPerSecond, double badShare, int partitions) {
        String describe() {
            return "--seed " + seed + " --start-time " + startTime.getEpochSecond() + " --rate " + recordsPerSecond
                    + " --bad-share " + badShare + " --partitions " + partitions;
        }
    }

    private final Process process;
    private final Path log;
    private final Thread killOnExit;

    private GeneratorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-generator");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    static GeneratorProcess start(Path toolsJar, String bootstrapServers, String topic, Settings settings, Path log)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                toolsJar.toString(),
                "--bootstrap-servers",
                bootstrapServers,
                "--topic",
                topic,
                "--seed",
                String.valueOf(settings.seed()),
                "--start-time",
                String.valueOf(settings.startTime().getEpochSecond()),
                "--rate",
                String.valueOf(settings.recordsPerSecond()),
                "--bad-share",
                String.valueOf(settings.badShare()),
                "--partitions",
                String.valueOf(settings.partitions()),
                "--report-every",
                "10s"));
        command.addAll(RIDE_THROUGH_A_BROKER_RESTART);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new GeneratorProcess(process, log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /**
     * Stops the generator as Ctrl-C would (SIGTERM): it flushes what it has sent, logs its summary and exits 0 when
     * every record was delivered. Fails otherwise.
     */
    void stopAndCheckDelivered() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the generator did not stop within 2 minutes of SIGTERM; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(
                    "the generator exited " + process.exitValue() + " (1: a record was not delivered); see " + log);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }
}
