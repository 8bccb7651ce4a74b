package com.logininsights.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logininsights.tools.cli.Cli;
import com.logininsights.tools.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class KafkaClientOptionsTest {
    @TempDir
    Path dir;

    @Command(name = "example")
    static final class Example implements Callable<Integer> {
        @Mixin
        KafkaClientOptions kafka;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Test
    void settingsComeFromTheFileThenTheEnvironmentThenTheCommandLine() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(
                file,
                "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nsasl.jaas.config=from-the-file\nclient.id=file\n");
        Example example = Cli.parse(
                new Example(), "--kafka-properties-file", file.toString(), "--kafka-property", "client.id=flag");

        Map<String, String> settings = example.kafka.properties(Map.of(
                "LOGIN_INSIGHTS_KAFKA_SASL_JAAS_CONFIG", "from-the-environment",
                "LOGIN_INSIGHTS_KAFKA_CLIENT_ID", "environment",
                "PATH", "/usr/bin"));

        assertThat(settings)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "security.protocol", "SASL_SSL",
                        "sasl.mechanism", "PLAIN",
                        "sasl.jaas.config", "from-the-environment",
                        "client.id", "flag"));
    }

    @Test
    void aFileThatCannotBeReadIsABadFlag() throws Exception {
        Example example = Cli.parse(
                new Example(), "--kafka-properties-file", dir.resolve("missing").toString());

        assertThatThrownBy(() -> example.kafka.properties(Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--kafka-properties-file: cannot read " + dir.resolve("missing"));
    }
}
