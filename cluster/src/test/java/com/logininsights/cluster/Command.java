package com.logininsights.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs one of the repository's scripts (or any command) to the end, with a time limit, and keeps its output. */
record Command(List<String> command, int exitCode, String stdout, String stderr) {

    static Command run(Path workingDirectory, Duration timeout, String... command) {
        return run(workingDirectory, timeout, List.of(command));
    }

    static Command run(Path workingDirectory, Duration timeout, List<String> command) {
        System.out.println("$ " + String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + timeout);
            }
            Command result = new Command(
                    command, process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
            System.out.print(indent(result.stdout()) + indent(result.stderr()));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** Fails with the command's output unless it exited 0; returns its standard output. */
    String checkSuccess() {
        if (exitCode != 0) {
            throw new AssertionError(command + " exited " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
        }
        return stdout;
    }

    /** The last non-blank line of standard output (the scripts print their result there). */
    String lastLine() {
        List<String> lines = new ArrayList<>(stdout.strip().lines().toList());
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String indent(String text) {
        return text.isEmpty() ? "" : text.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
    }
}
