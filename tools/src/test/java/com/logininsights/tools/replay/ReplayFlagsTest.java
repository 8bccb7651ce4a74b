package com.logininsights.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logininsights.tools.JavaMain;
import com.logininsights.tools.cli.Cli;
import com.logininsights.tools.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayFlagsTest {
    @TempDir
    Path dir;

    @Test
    void defaultsReadTheJobsDeadLettersOnTheDockerComposeBrokerAndProduceToItsInput() throws Exception {
        ProduceCommand produce = Cli.parse(new ProduceCommand());

        assertThat(produce.kafka.bootstrapServers()).isEqualTo("localhost:29092");
        assertThat(produce.kafka.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(produce.selection.deadLetterTopic).isEqualTo("user-login-dlq");
        assertThat(produce.selection.filter()).isEqualTo(ReplayFilter.EVERYTHING);
        assertThat(produce.inputTopic).isEqualTo("user-login");
        assertThat(produce.fromFile).isNull();
        assertThat(produce.dryRun).isFalse();
    }

    @Test
    void everyFlag() throws Exception {
        ExportCommand export = Cli.parse(
                new ExportCommand(),
                "--out",
                "dead.jsonl",
                "--reason",
                "missing_user_id,wrong_type",
                "--reason",
                "empty",
                "--since",
                "2026-11-29T10:00:00Z",
                "--until",
                "2026-11-29T11:00:00Z",
                "--dead-letter-topic",
                "dlq",
                "--bootstrap-servers",
                "kafka:9092",
                "--kafka-property",
                "security.protocol=SSL",
                "--connect-timeout",
                "5s");

        assertThat(export.out).isEqualTo(Path.of("dead.jsonl"));
        assertThat(export.selection.filter())
                .isEqualTo(new ReplayFilter(
                        Set.of("missing_user_id", "wrong_type", "empty"),
                        Optional.of(Instant.parse("2026-11-29T10:00:00Z")),
                        Optional.of(Instant.parse("2026-11-29T11:00:00Z"))));
        assertThat(export.selection.deadLetterTopic).isEqualTo("dlq");
        assertThat(export.kafka.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(export.kafka.properties()).containsEntry("security.protocol", "SSL");
        assertThat(export.kafka.connectTimeout()).isEqualTo(Duration.ofSeconds(5));

        ProduceCommand produce =
                Cli.parse(new ProduceCommand(), "--from-file", "dead.jsonl", "--input-topic", "in", "--dry-run");
        assertThat(produce.fromFile).isEqualTo(Path.of("dead.jsonl"));
        assertThat(produce.inputTopic).isEqualTo("in");
        assertThat(produce.dryRun).isTrue();
    }

    @Test
    void badFlagsAreRefusedNamingTheFlag() {
        assertThatThrownBy(() -> Cli.parse(new ExportCommand(), "--out", "f", "--reason", "missing_userid"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith(
                        "--reason: 'missing_userid' is not a reason; the reasons are empty, too_large,");
        assertThatThrownBy(() -> Cli.parse(new ExportCommand())).hasMessage("--out is required (FILE)");
        assertThatThrownBy(() -> Cli.parse(new ProduceCommand(), "--since", "last week"))
                .hasMessageStartingWith("--since: 'last week' is not a time");
        assertThatThrownBy(() -> Cli.parse(new ProduceCommand(), "--since", "1h", "--until", "2h")
                        .selection
                        .filter())
                .hasMessageStartingWith("--until: ")
                .hasMessageContaining("is not after --since");
    }

    @Test
    void helpListsTheTwoCommandsAndEachOnesFlags() throws Exception {
        JavaMain.Outcome top = JavaMain.run(ReplayDeadLetters.class, dir, "--help");
        JavaMain.Outcome export = JavaMain.run(ReplayDeadLetters.class, dir, "export", "--help");

        assertThat(top.exitCode()).isZero();
        assertThat(top.stdout()).contains("Usage: scripts/replay-dead-letters (export | produce) [flags]", "--dry-run");
        assertThat(export.exitCode()).isZero();
        assertThat(export.stdout())
                .contains(
                        "--out=FILE",
                        "--reason=REASON",
                        "missing_user_id",
                        "--since=TIME",
                        "--until=TIME",
                        "--dead-letter-topic=NAME",
                        "(default: user-login-dlq)",
                        "--bootstrap-servers",
                        "(default: localhost:29092)",
                        "--kafka-property",
                        "--kafka-properties-file",
                        "--connect-timeout");
    }

    @Test
    void aBadFlagExitsTwoAndABrokerThatDoesNotAnswerExitsOne() throws Exception {
        JavaMain.Outcome noCommand = JavaMain.run(ReplayDeadLetters.class, dir);
        JavaMain.Outcome badReason = JavaMain.run(ReplayDeadLetters.class, dir, "produce", "--reason", "nope");
        JavaMain.Outcome noBroker = JavaMain.run(
                ReplayDeadLetters.class,
                dir,
                "export",
                "--out",
                dir.resolve("out.jsonl").toString(),
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--connect-timeout",
                "1s");

        assertThat(noCommand.exitCode()).isEqualTo(2);
        assertThat(noCommand.stderr()).startsWith("replay-dead-letters: say what to do: export");
        assertThat(badReason.exitCode()).isEqualTo(2);
        assertThat(badReason.stderr()).startsWith("replay-dead-letters produce: --reason: 'nope' is not a reason");
        assertThat(noBroker.exitCode()).isEqualTo(1);
        assertThat(noBroker.stderr())
                .isEqualTo("replay-dead-letters export: no Kafka broker answered on 127.0.0.1:1 within 1s;"
                        + " check --bootstrap-servers\n");
        assertThat(dir.resolve("out.jsonl")).doesNotExist();
        assertThat(dir.resolve("out.jsonl.part")).doesNotExist();
    }

    @Test
    void aFileWithALineThatIsNotADeadLetterSendsNothingAndSaysWhichLine() throws Exception {
        Path file = dir.resolve("fixed.jsonl");
        Files.writeString(
                file,
                "{\"reason\":\"empty\",\"payload\":\"{}\",\"source\":{\"topic\":\"user-login\",\"partition\":0,"
                        + "\"offset\":1,\"timestamp\":\"2026-11-29T10:00:00Z\"}}\n\n{\"reason\":\"empty\", oops}\n");

        JavaMain.Outcome outcome = JavaMain.run(
                ReplayDeadLetters.class,
                dir,
                "produce",
                "--from-file",
                file.toString(),
                "--bootstrap-servers",
                "127.0.0.1:1");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.stderr())
                .startsWith("replay-dead-letters produce: " + file
                        + " has 1 line that cannot be replayed, so nothing was sent:\n  line 3: not JSON");
    }
}
