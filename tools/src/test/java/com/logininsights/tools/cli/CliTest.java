package com.logininsights.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logininsights.common.Durations;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class CliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @Command(name = "scripts/example", description = "An example command.", sortOptions = false)
    static final class Example implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Option(
                names = "--every",
                paramLabel = "DURATION",
                defaultValue = "10s",
                description = "(default: ${DEFAULT-VALUE})")
        Duration every;

        @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.Positive.class)
        Duration timeout;

        @Option(names = "--outcome", paramLabel = "WORD", defaultValue = "done")
        String outcome;

        @Override
        public Integer call() throws Exception {
            return switch (outcome) {
                case "done" -> Cli.DONE;
                case "clash" -> throw new UsageException("--outcome: clash does not fit with --every " + every);
                default -> throw new IllegalStateException("the broker went away");
            };
        }
    }

    @BeforeEach
    void captureTheConsole() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreTheConsole() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "10s, PT10S", "1m, PT1M", "2h, PT2H", "0s, PT0S"})
    void durationsAreWrittenTheWayPeopleTypeThem(String text, Duration expected) throws Exception {
        assertThat(Cli.parse(new Example(), "--every", text).every).isEqualTo(expected);
        assertThat(Durations.format(expected)).isEqualTo(text);
        // A bare 0 reads too; it is written back as 0s, as the job writes it (one rule, in common's Durations).
        assertThat(Cli.parse(new Example(), "--every", "0").every).isZero();
    }

    @Test
    void aBadDurationIsRefusedNamingTheFlagAndTheForm() {
        assertThatThrownBy(() -> Cli.parse(new Example(), "--every", "10"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--every: '10' is not a duration; write it like 500ms, 10s or 1m");
        assertThatThrownBy(() -> Cli.parse(new Example(), "--every=5d"))
                .hasMessage("--every: '5d' has an unknown unit; use ms, s, m or h");
        assertThatThrownBy(() -> Cli.parse(new Example(), "--timeout", "0"))
                .hasMessage("--timeout: must be longer than 0");
    }

    @Test
    void unknownFlagsMissingValuesAndRepeatsAreNamed() {
        assertThatThrownBy(() -> Cli.parse(new Example(), "--evry", "1s"))
                .hasMessage("unknown flag --evry (did you mean --every?)");
        assertThatThrownBy(() -> Cli.parse(new Example(), "--every")).hasMessage("--every needs a value (DURATION)");
        assertThatThrownBy(() -> Cli.parse(new Example(), "--every", "1s", "--every", "2s"))
                .hasMessage("--every is given more than once");
        assertThatThrownBy(() -> Cli.parse(new Example(), "1s"))
                .hasMessage("unexpected argument '1s': every value follows its flag");
    }

    @Test
    void helpIsMadeFromTheAnnotationsAndExitsZero() {
        assertThat(Cli.execute(new Example(), "--help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Usage: scripts/example", "An example command.", "--every=DURATION", "(default: 10s)");
    }

    @Test
    void aBadFlagExitsTwoWithOneLineNamingIt() {
        assertThat(Cli.execute(new Example(), "--every", "soon")).isEqualTo(Cli.BAD_FLAG);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("example: --every: 'soon' is not a duration; write it like 500ms, 10s or 1m\n"
                        + "Run with --help to list every flag.\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void flagsThatDoNotFitTogetherAlsoExitTwo() {
        assertThat(Cli.execute(new Example(), "--outcome", "clash")).isEqualTo(Cli.BAD_FLAG);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("example: --outcome: clash does not fit with --every PT10S\n");
    }

    @Test
    void aFailureExitsOneWithItsReasonAndNoStackTrace() {
        assertThat(Cli.execute(new Example(), "--outcome", "fail")).isEqualTo(Cli.FAILED);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("example: ", "the broker went away")
                .doesNotContain("\tat ");
    }

    @Test
    void theCommandsExitCodeIsTheProcesssExitCode() {
        assertThat(Cli.execute(new Example())).isEqualTo(Cli.DONE);
    }
}
