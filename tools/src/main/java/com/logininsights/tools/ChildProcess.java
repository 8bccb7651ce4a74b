package com.logininsights.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A program the playground started, with its output in a log file, stopped by its PID. */
public final class ChildProcess implements StartedPrograms.Named {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    /**
     * For a child JVM that keeps large state: its first OutOfMemoryError ends it with {@link #OUT_OF_HEAP}, instead
     * of minutes of collections with threads dying one by one.
     */
    public static final String EXIT_ON_OUT_OF_MEMORY = "-XX:+ExitOnOutOfMemoryError";

    /** The exit code of a JVM that {@link #EXIT_ON_OUT_OF_MEMORY} stopped. */
    public static final int OUT_OF_HEAP = 3;

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the program in a session of its own where setsid exists, so that Ctrl-C in the terminal reaches only
     * the playground, which then stops its programs in order, instead of every program at once.
     */
    public static ChildProcess start(String name, List<String> command, Path log) throws IOException {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            full.add(SETSID.toString());
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ChildProcess(name, process, log);
    }

    /** The java binary this JVM runs on, so that children run on the same Java. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** Waits up to the timeout for the program to end by itself; true when it did. */
    public boolean waitFor(java.time.Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Path log() {
        return log;
    }

    /** SIGTERM, so the program can shut down cleanly; SIGKILL if it has not within 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
