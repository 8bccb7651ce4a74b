package com.logininsights.tools.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the generator's main in a child JVM, since it ends with System.exit. No broker is needed. */
class GeneratorExitCodesTest {
    @TempDir
    Path dir;

    record Outcome(int exitCode, String stdout, String stderr) {}

    @Test
    void helpExitsZeroAndListsTheFlags() throws Exception {
        Outcome outcome = run("--help");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.stdout()).contains("--quiet-partition", "--bad-share", "default");
    }

    @Test
    void aBadValueExitsTwoNamingTheFlag() throws Exception {
        Outcome outcome = run("--rate", "fast");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).contains("--rate", "'fast'");
    }

    @Test
    void aBrokerThatCannotBeReachedExitsOneWithAClearMessage() throws Exception {
        // Port 1 refuses connections; a short max.block.ms keeps the test quick.
        Outcome outcome =
                run("--bootstrap-servers", "127.0.0.1:1", "--producer-property", "max.block.ms=1500", "--count", "5");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.stderr())
                .contains("no metadata for topic 'user-login' from 127.0.0.1:1")
                .doesNotContain("\tat ");
    }

    private Outcome run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                LoginEventGenerator.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        int exitCode = process.waitFor();
        return new Outcome(
                exitCode, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
