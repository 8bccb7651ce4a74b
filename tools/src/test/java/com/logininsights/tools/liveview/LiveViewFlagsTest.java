package com.logininsights.tools.liveview;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.common.Topics;
import com.logininsights.tools.JavaMain;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveViewFlagsTest {
    @TempDir
    Path dir;

    @Test
    void defaultsFollowTheJobsTopicsOnTheDockerComposeBroker() throws Exception {
        LiveViewFlags flags = LiveViewFlags.parse();

        assertThat(flags.kafka.bootstrapServers()).isEqualTo("localhost:29092");
        assertThat(flags.topics()).isEqualTo(Topics.DEFAULT);
        assertThat(flags.alertsTopic).isEqualTo("user-login-alerts");
        assertThat(flags.duration).isNull();
        assertThat(flags.kafka.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void everyFlag() throws Exception {
        LiveViewFlags flags = LiveViewFlags.parse(
                "--bootstrap-servers", "kafka:9092",
                "--processed-topic", "p",
                "--dead-letter-topic", "d",
                "--insights-topic", "i",
                "--alerts-topic", "a",
                "--kafka-property", "security.protocol=SSL",
                "--kafka-property", "client.id=view",
                "--duration", "2m",
                "--connect-timeout", "500ms");

        assertThat(flags.kafka.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(flags.topics()).isEqualTo(new Topics("user-login", "p", "d", "i"));
        assertThat(flags.alertsTopic).isEqualTo("a");
        assertThat(flags.kafka.properties())
                .containsEntry("security.protocol", "SSL")
                .containsEntry("client.id", "view");
        assertThat(flags.duration).isEqualTo(Duration.ofMinutes(2));
        assertThat(flags.kafka.connectTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void helpListsEveryFlagAndExitsZero() throws Exception {
        JavaMain.Outcome outcome = JavaMain.run(LiveView.class, dir, "--help");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.stdout())
                .contains(
                        "Usage: scripts/live-view [flags]",
                        "--bootstrap-servers",
                        "(default: localhost:29092)",
                        "--processed-topic",
                        "--dead-letter-topic",
                        "--insights-topic",
                        "--alerts-topic",
                        "--kafka-property",
                        "--kafka-properties-file",
                        "--duration",
                        "--connect-timeout");
    }

    @Test
    void aBadFlagExitsTwoNamingIt() throws Exception {
        JavaMain.Outcome outcome = JavaMain.run(LiveView.class, dir, "--duration", "0");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).startsWith("live-view: --duration: must be longer than 0\n");
    }

    @Test
    void aBrokerThatDoesNotAnswerExitsOneInOneSentence() throws Exception {
        JavaMain.Outcome outcome =
                JavaMain.run(LiveView.class, dir, "--bootstrap-servers", "127.0.0.1:1", "--connect-timeout", "1s");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.stderr())
                .isEqualTo("live-view: no Kafka broker answered on 127.0.0.1:1 within 1s; check --bootstrap-servers\n");
    }
}
