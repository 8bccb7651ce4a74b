package com.logininsights.tools.playground;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.logininsights.common.Ports;
import com.logininsights.tools.Checkout;
import com.logininsights.tools.ChildProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IDE entrance end to end: {@code scripts/playground --without-job} gives the input, and the IntelliJ IDEA run
 * configuration's command line, started as the IDE starts it (its VM options, the job module's classes and its
 * dependencies' jars, its main class and program arguments, in the repository's root), shows insights on the
 * playground's screen.
 *
 * <p>Three program arguments are pointed elsewhere, so that the test never touches a developer's playground: the
 * broker's address, the web UI's port and the checkpoint folder. Everything else is the configuration's own.
 */
class IdeRunConfigurationIT {
    private static final Set<String> ISOLATED = Set.of("--bootstrap-servers", "--web-ui-port", "--checkpoint-dir");

    @Test
    void theRunConfigurationShowsInsightsFromThePlaygroundWithoutItsJob(@TempDir Path dataDir) throws Exception {
        Path root = Checkout.root();
        IdeRunConfiguration configuration = IdeRunConfiguration.intellij(root);
        int brokerPort = Ports.freePair();
        int webUiPort = Ports.freeOtherThan(brokerPort, brokerPort + 1);
        PlaygroundConfig input = new PlaygroundConfig(
                Optional.empty(),
                brokerPort,
                dataDir.resolve("playground"),
                false,
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                "100",
                0.05,
                webUiPort,
                Optional.of(Duration.ofMinutes(3)),
                true);

        try (RunningPlayground playground = new RunningPlayground(input)) {
            assertThat(playground.awaitText("not started (--without-job)", Duration.ofSeconds(90)))
                    .as("the playground started without its job:%n%s", playground.screen())
                    .isTrue();
            List<String> arguments = isolated(
                    configuration.programArguments(),
                    Map.of(
                            "--bootstrap-servers", "127.0.0.1:" + brokerPort,
                            "--web-ui-port", String.valueOf(webUiPort),
                            "--checkpoint-dir",
                                    dataDir.resolve("ide-checkpoints").toString()));
            Path log = dataDir.resolve("ide-run.log");
            Process job = new ProcessBuilder(ideCommand(root, configuration, arguments))
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                boolean shown = playground.awaitWindows(1, Duration.ofSeconds(120));
                assertThat(shown)
                        .as(
                                "a window on the playground's screen:%n%s%nthe job's output:%n%s",
                                playground.screen(), tail(log))
                        .isTrue();
                assertThat(job.isAlive()).as("the job runs on").isTrue();
            } finally {
                job.destroy();
                if (!job.waitFor(30, TimeUnit.SECONDS)) {
                    job.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            Playground.Result result = playground.stop();

            assertThat(result.summaries()).isNotEmpty();
            for (JsonNode summary : result.summaries()) {
                assertThat(summary.get("logins").asLong()).isPositive();
            }
            assertThat(result.pids()).as("a broker and a generator, no job").hasSize(2);
        }
    }

    /** The command line an IDE runs: its java, the VM options, the module's runtime classpath, main and arguments. */
    private static List<String> ideCommand(Path root, IdeRunConfiguration configuration, List<String> arguments)
            throws Exception {
        assertThat(configuration.module()).isEqualTo("login-insights-job");
        String dependencies = Files.readString(root.resolve("job/target/runtime-classpath.txt"))
                .strip();
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.java());
        command.addAll(configuration.vmOptions());
        command.add("-cp");
        command.add(root.resolve("job/target/classes") + File.pathSeparator + dependencies);
        command.add(configuration.mainClass());
        command.addAll(arguments);
        return command;
    }

    /** The configuration's arguments with the values of the {@link #ISOLATED} flags replaced, each present once. */
    private static List<String> isolated(List<String> arguments, Map<String, String> values) {
        assertThat(values.keySet()).isEqualTo(ISOLATED);
        List<String> result = new ArrayList<>(arguments);
        values.forEach((flag, value) -> {
            int at = result.indexOf(flag);
            assertThat(at).as("%s in the run configuration", flag).isNotNegative();
            result.set(at + 1, value);
        });
        return result;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (Exception e) {
            return "(no output: " + e + ")";
        }
    }
}
