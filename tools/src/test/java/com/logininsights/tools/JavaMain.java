package com.logininsights.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command's main in a child JVM on the test classpath: mains end with System.exit. */
public final class JavaMain {
    private JavaMain() {}

    public record Outcome(int exitCode, String stdout, String stderr) {}

    public static Outcome run(Class<?> main, Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(ChildProcess.java(), "-Xmx128m", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(main.getSimpleName() + " " + String.join(" ", args) + " did not end in 60 s");
        }
        return new Outcome(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
