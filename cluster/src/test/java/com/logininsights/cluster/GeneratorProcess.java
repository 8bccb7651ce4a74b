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

    /**
     * What the generator was asked to write; {@code count} 0 writes until it is stopped; {@code timeLapse} runs event
     * time that many times as fast as the clock.
     */
    record Settings(
            long seed,
            Instant startTime,
            int recordsPerSecond,
            double badShare,
            int partitions,
            long count,
            double timeLapse,
            InjectedIncidents incidents) {
        /** At the clock's pace, with no incident. */
        Settings(long seed, Instant startTime, int recordsPerSecond, double badShare, int partitions, long count) {
            this(seed, startTime, recordsPerSecond, badShare, partitions, count, 1, InjectedIncidents.none());
        }

        Settings withIncidents(InjectedIncidents injected) {
            return new Settings(seed, startTime, recordsPerSecond, badShare, partitions, count, timeLapse, injected);
        }

        Settings withTimeLapse(double factor) {
            return new Settings(seed, startTime, recordsPerSecond, badShare, partitions, count, factor, incidents);
        }

        List<String> flags() {
            List<String> flags = new ArrayList<>(List.of(
                    "--seed",
                    String.valueOf(seed),
                    "--start-time",
                    String.valueOf(startTime.getEpochSecond()),
                    "--rate",
                    String.valueOf(recordsPerSecond),
                    "--bad-share",
                    String.valueOf(badShare),
                    "--partitions",
                    String.valueOf(partitions)));
            if (count > 0) {
                flags.addAll(List.of("--count", String.valueOf(count)));
            }
            if (timeLapse != 1) {
                flags.addAll(List.of("--time-lapse", String.valueOf(timeLapse)));
            }
            flags.addAll(incidents.generatorFlags());
            return flags;
        }

        String describe() {
            return String.join(" ", flags());
        }
    }

    private final Process process;
    private final Settings settings;
    private final Path log;
    private final Thread killOnExit;

    private GeneratorProcess(Process process, Settings settings, Path log) {
        this.process = process;
        this.settings = settings;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-generator");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    static GeneratorProcess start(Path toolsJar, String bootstrapServers, String topic, Settings settings, Path log)
            throws Exception {
        return start(toolsJar, bootstrapServers, topic, settings, log, List.of());
    }

    /** Writes what it injected to {@code groundTruth}, a new file (docs/tools.md describes its lines). */
    static GeneratorProcess startWithGroundTruth(
            Path toolsJar, String bootstrapServers, String topic, Settings settings, Path log, Path groundTruth)
            throws Exception {
        return start(
                toolsJar, bootstrapServers, topic, settings, log, List.of("--ground-truth", groundTruth.toString()));
    }

    private static GeneratorProcess start(
            Path toolsJar, String bootstrapServers, String topic, Settings settings, Path log, List<String> more)
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
                "--report-every",
                "10s"));
        command.addAll(settings.flags());
        command.addAll(RIDE_THROUGH_A_BROKER_RESTART);
        command.addAll(more);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new GeneratorProcess(process, settings, log);
    }

    /** Whether it is still writing, or, with a count, has written every record it was asked for. */
    boolean isWritingOrDone() {
        return process.isAlive() || (settings.count() > 0 && process.exitValue() == 0);
    }

    Path log() {
        return log;
    }

    /**
     * Stops the generator as Ctrl-C would (SIGTERM), or with a count lets it finish: it flushes what it has sent,
     * logs its summary and exits 0 when every record was delivered. Fails otherwise.
     */
    void stopAndCheckDelivered() throws InterruptedException {
        if (settings.count() > 0) {
            process.waitFor(5, TimeUnit.MINUTES);
        }
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
