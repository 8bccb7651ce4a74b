package com.logininsights.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logininsights.common.Durations;
import com.logininsights.common.Signal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobFlagsTest {
    @Test
    void defaultsMatchTheDocumentedInterface() {
        JobConfig config = JobConfig.defaults();
        assertThat(config.bootstrapServers()).isEqualTo("localhost:29092");
        assertThat(config.inputTopic()).isEqualTo("user-login");
        assertThat(config.processedTopic()).isEqualTo("user-login-processed");
        assertThat(config.deadLetterTopic()).isEqualTo("user-login-dlq");
        assertThat(config.insightsTopic()).isEqualTo("user-login-insights");
        assertThat(config.groupId()).isEqualTo("login-insights");
        assertThat(config.startingOffsets()).isEqualTo(StartingOffsets.COMMITTED);
        assertThat(config.window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(config.parallelism()).isEmpty();
        assertThat(config.bounded()).isFalse();
        assertThat(config.transactionalIdPrefix()).isEqualTo("login-insights");
        assertThat(config.kafkaProperties().isEmpty()).isTrue();
        assertThat(config.pseudonymKey()).isEmpty();
    }

    @Test
    void readsEveryFlagInBothSpellings() {
        JobConfig config = JobFlags.parse(new String[] {
            "--bootstrap-servers",
            "k1:9092,k2:9092",
            "--input-topic=in",
            "--processed-topic",
            "out",
            "--dead-letter-topic",
            "dlq",
            "--insights-topic",
            "ins",
            "--group-id",
            "g",
            "--starting-offsets",
            "latest",
            "--window",
            "10s",
            "--out-of-orderness",
            "500ms",
            "--idleness",
            "1m",
            "--allowed-lateness",
            "2m",
            "--max-future-skew",
            "1h",
            "--checkpoint-interval",
            "3s",
            "--delivery-guarantee",
            "at-least-once",
            "--parallelism",
            "4",
            "--bounded",
            "--max-record-bytes",
            "1000",
            "--transactional-id-prefix",
            "tx",
            "--web-ui-port",
            "9999",
            "--kafka-property",
            "security.protocol=SSL",
            "--kafka-property",
            "sasl.mechanism=PLAIN"
        });
        assertThat(config.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(config.inputTopic()).isEqualTo("in");
        assertThat(config.processedTopic()).isEqualTo("out");
        assertThat(config.deadLetterTopic()).isEqualTo("dlq");
        assertThat(config.insightsTopic()).isEqualTo("ins");
        assertThat(config.groupId()).isEqualTo("g");
        assertThat(config.startingOffsets()).isEqualTo(StartingOffsets.LATEST);
        assertThat(config.window()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.outOfOrderness()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.idleness()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.allowedLateness()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.maxFutureSkew()).isEqualTo(Duration.ofHours(1));
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(config.parallelism()).isEqualTo(OptionalInt.of(4));
        assertThat(config.bounded()).isTrue();
        assertThat(config.maxRecordBytes()).isEqualTo(1000);
        assertThat(config.transactionalIdPrefix()).isEqualTo("tx");
        assertThat(config.webUiPort()).isEqualTo(9999);
        assertThat(config.kafkaProperties().asMap())
                .isEqualTo(Map.of("security.protocol", "SSL", "sasl.mechanism", "PLAIN"));
    }

    @Test
    void badFlagsAreNamedInTheError() {
        assertUsageError("unknown flag '--windw'", "did you mean --window?", "--windw", "1m");
        assertUsageError("Missing required parameter for option '--window'", "DURATION", "--window");
        assertUsageError("Invalid value for option '--window'", "'10' is not a duration", "--window", "10");
        assertUsageError("Invalid value for option '--window'", "must be more than zero", "--window", "0s");
        assertUsageError("Invalid value for option '--idleness'", "'5x' has an unknown unit", "--idleness", "5x");
        assertUsageError(
                "Invalid value for option '--parallelism'",
                "'two' is not a positive whole number",
                "--parallelism",
                "two");
        assertUsageError(
                "Invalid value for option '--delivery-guarantee'",
                "'maybe' is not exactly-once or at-least-once",
                "--delivery-guarantee",
                "maybe");
        assertUsageError(
                "Invalid value for option '--starting-offsets'",
                "'newest' is not one of committed, earliest, latest",
                "--starting-offsets",
                "newest");
        assertUsageError("bad value for --kafka-property", "'acks' is not KEY=VALUE", "--kafka-property", "acks");
        assertUsageError("Invalid value for option '--input-topic'", "must not be empty", "--input-topic", " ");
        assertUsageError("Invalid value for option '--bounded'", "'yes' is not a boolean", "--bounded=yes");
        assertUsageError(
                "Invalid value for option '--max-record-bytes'",
                "over the limit of 16777216",
                "--max-record-bytes",
                "20000000");
        assertUsageError(
                "--advance-after-quiet (5s) must be at least --idleness (10s)", "", "--advance-after-quiet", "5s");
    }

    @Test
    void theSignalsFlagsDefaultsValuesAndRefusals() {
        JobConfig defaults = JobConfig.defaults();
        assertThat(defaults.alertsTopic()).isEqualTo("user-login-alerts");
        assertThat(defaults.signals()).containsExactlyInAnyOrder(Signal.values());
        assertThat(defaults.deviceMemory()).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.localeHopWithin()).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.burstLogins()).isEqualTo(10);
        assertThat(defaults.burstWithin()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.sharedDeviceUsers()).isEqualTo(20);
        assertThat(defaults.sharedIpUsers()).isEqualTo(20);
        assertThat(defaults.sharedWithin()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.maxEpisode()).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.watchedLocales()).isEmpty();
        assertThat(defaults.minimumAppVersion()).isEmpty();
        assertThat(defaults.stateBackend()).isEqualTo(StateBackend.HASHMAP);

        JobConfig set = JobFlags.parse(new String[] {
            "--alerts-topic", "alerts",
            "--signals", " burst, new_device,watched_locale",
            "--watched-locales", "kp, ir",
            "--minimum-app-version", "2.10",
            "--burst-logins", "50",
            "--state-backend", "rocksdb"
        });
        assertThat(set.alertsTopic()).isEqualTo("alerts");
        assertThat(set.signals()).containsExactlyInAnyOrder(Signal.BURST, Signal.NEW_DEVICE, Signal.WATCHED_LOCALE);
        assertThat(set.watchedLocales()).containsExactlyInAnyOrder("KP", "IR");
        assertThat(set.minimumAppVersion()).contains("2.10");
        assertThat(set.burstLogins()).isEqualTo(50);
        assertThat(set.stateBackend()).isEqualTo(StateBackend.ROCKSDB);
        assertThat(set.describe()).containsEntry("signals", "new_device,burst,watched_locale");
        assertThat(JobFlags.parse(new String[] {"--signals", "none"}).signals()).isEmpty();

        assertUsageError("Invalid value for option '--signals'", "'brust' is not a signal", "--signals", "burst,brust");
        assertUsageError(
                "--signals names watched_locale: give the locales to watch with --watched-locales",
                "",
                "--signals",
                "watched_locale");
        assertUsageError("--signals names outdated_version", "--minimum-app-version", "--signals", "outdated_version");
        assertUsageError(
                "Invalid value for option '--watched-locales'", "has an empty locale", "--watched-locales", "KP,");
        assertUsageError(
                "Invalid value for option '--state-backend'",
                "'disk' is not hashmap or rocksdb",
                "--state-backend",
                "disk");
        assertUsageError(
                "Invalid value for option '--burst-logins'", "not a positive whole number", "--burst-logins", "0");
    }

    @Test
    void kafkaClientSettingsComeFromAFileTheEnvironmentAndTheCommandLineLaterOnesWinning(@TempDir Path folder)
            throws Exception {
        Path file = folder.resolve("kafka.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-256\nlinger.ms=5\n");
        JobConfig config = JobFlags.parse(
                new String[] {"--kafka-properties-file", file.toString(), "--kafka-property", "linger.ms=20"},
                Map.of(
                        "LOGIN_INSIGHTS_KAFKA_SASL_JAAS_CONFIG", "secret-from-the-environment",
                        "LOGIN_INSIGHTS_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                        "HOME", "/root"));

        assertThat(config.kafkaProperties().asMap())
                .isEqualTo(Map.of(
                        "security.protocol", "SASL_SSL",
                        "sasl.mechanism", "SCRAM-SHA-512",
                        "sasl.jaas.config", "secret-from-the-environment",
                        "linger.ms", "20"));
        assertThat(config.kafkaProperties().toString()).doesNotContain("secret");
        assertThat(config.describe().toString()).doesNotContain("secret");
    }

    @Test
    void secretsGivenOnTheCommandLineAreNamedByKafkasOwnDefinitions() {
        String[] args = {
            "--kafka-property",
            "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required password=\"p\";",
            "--kafka-property",
            " ssl.truststore.password=p",
            "--kafka-property",
            "ssl.truststore.location=/etc/kafka/truststore.p12",
            "--kafka-property",
            "linger.ms=5",
            "--window",
            "10s"
        };

        assertThat(JobFlags.secretsOnCommandLine(args)).containsExactly("sasl.jaas.config", "ssl.truststore.password");
        assertThat(JobFlags.secretsOnCommandLine(new String[] {"--kafka-property", "security.protocol=SASL_SSL"}))
                .isEmpty();
        assertThat(KafkaClientProperties.environmentVariable("sasl.jaas.config"))
                .isEqualTo("LOGIN_INSIGHTS_KAFKA_SASL_JAAS_CONFIG");
    }

    @Test
    void thePseudonymKeyComesFromAFileOrTheEnvironmentAndNoDescriptionShowsIt(@TempDir Path folder) throws Exception {
        String key = "k3y-0f-the-pseudonyms-a-long-random-text";
        Path file = folder.resolve("pseudonym.key");
        Files.writeString(file, key + "\n");

        JobConfig fromFile =
                JobFlags.parse(new String[] {"--pseudonymise", "--pseudonym-key-file", file.toString()}, Map.of());
        assertThat(fromFile.pseudonymKey())
                .hasValueSatisfying(read -> assertThat(read.bytes()).isEqualTo(key.getBytes(StandardCharsets.UTF_8)));
        assertThat(fromFile.describe())
                .containsEntry("pseudonymise", "true")
                .containsEntry("pseudonym-key-file", file.toString())
                .containsEntry("pseudonym-key", "from --pseudonym-key-file " + file);

        JobConfig fromEnvironment = JobFlags.parse(
                new String[] {"--pseudonymise"}, Map.of(PseudonymKey.ENVIRONMENT_VARIABLE, " " + key + " "));
        assertThat(fromEnvironment.pseudonymKey())
                .hasValueSatisfying(read -> assertThat(read.bytes()).isEqualTo(key.getBytes(StandardCharsets.UTF_8)));
        assertThat(fromEnvironment.describe())
                .containsEntry("pseudonym-key", "from the environment variable LOGIN_INSIGHTS_PSEUDONYM_KEY");

        for (JobConfig config : List.of(fromFile, fromEnvironment)) {
            assertThat(config.describe().toString()).doesNotContain(key);
            assertThat(config.pseudonymKey().orElseThrow().toString()).doesNotContain(key);
        }
        assertThat(JobFlags.parse(new String[0], Map.of(PseudonymKey.ENVIRONMENT_VARIABLE, key))
                        .pseudonymKey())
                .as("a key in the environment, with --pseudonymise off")
                .isEmpty();
    }

    @Test
    void aPseudonymKeyThatIsMissingShortOrInTwoPlacesIsRefusedWithoutQuotingIt(@TempDir Path folder) throws Exception {
        Path shortKey = folder.resolve("short.key");
        Files.writeString(shortKey, "sh0rt-k3y");
        assertUsageError("--pseudonymise needs a key", "LOGIN_INSIGHTS_PSEUDONYM_KEY", "--pseudonymise");
        assertUsageError(
                "the pseudonym key in --pseudonym-key-file " + shortKey + " has 9 bytes",
                "at least 32",
                "--pseudonymise",
                "--pseudonym-key-file",
                shortKey.toString());
        assertThatThrownBy(() -> JobFlags.parse(
                        new String[] {"--pseudonymise"}, Map.of(PseudonymKey.ENVIRONMENT_VARIABLE, "sh0rt-k3y")))
                .hasMessageStartingWith("the pseudonym key in the environment variable LOGIN_INSIGHTS_PSEUDONYM_KEY")
                .hasMessageNotContaining("sh0rt-k3y");
        assertThatThrownBy(() -> JobFlags.parse(
                        new String[] {"--pseudonymise", "--pseudonym-key-file", shortKey.toString()},
                        Map.of(PseudonymKey.ENVIRONMENT_VARIABLE, "another-key-another-key-another-key")))
                .hasMessage("the pseudonym key is in both --pseudonym-key-file and LOGIN_INSIGHTS_PSEUDONYM_KEY;"
                        + " give it in one place");
        assertUsageError(
                "--pseudonym-key-file is the key of --pseudonymise, which is off",
                "",
                "--pseudonym-key-file",
                shortKey.toString());
        assertUsageError(
                "cannot read --pseudonym-key-file /no/such.key",
                "",
                "--pseudonymise",
                "--pseudonym-key-file",
                "/no/such.key");
    }

    @Test
    void aMissingPropertiesFileIsNamed() {
        assertUsageError(
                "cannot read --kafka-properties-file /no/such.properties",
                "",
                "--kafka-properties-file",
                "/no/such.properties");
    }

    @Test
    void helpListsEveryFlagWithItsDefault() {
        String usage = JobFlags.usage();
        for (JobFlags.Flag flag : JobFlags.flags()) {
            assertThat(usage).contains(flag.name());
            assertThat(usage.replaceAll("\\s+", " ")).contains("(default: " + flag.defaultValue() + ")");
        }
        assertThat(JobFlags.wantsHelp(new String[] {"--window", "1m", "--help"}))
                .isTrue();
        assertThat(JobFlags.wantsHelp(new String[] {"--window", "1m"})).isFalse();
    }

    @Test
    void durationsReadTheWayTheyAreWritten() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }

    private static void assertUsageError(String expectedStart, String expectedReason, String... args) {
        assertThatThrownBy(() -> JobFlags.parse(args, Map.of()))
                .isInstanceOf(UsageException.class)
                .message()
                .startsWith(expectedStart)
                .contains(expectedReason);
    }
}
