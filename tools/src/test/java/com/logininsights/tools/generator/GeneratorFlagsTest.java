package com.logininsights.tools.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logininsights.tools.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeneratorFlagsTest {

    @Test
    void defaults() throws Exception {
        GeneratorConfig config = GeneratorFlags.parse();

        assertThat(config.bootstrapServers()).isEqualTo("localhost:29092");
        assertThat(config.topic()).isEqualTo("user-login");
        assertThat(config.recordsPerSecond()).isEqualTo(10);
        assertThat(config.unpaced()).isFalse();
        assertThat(config.count()).isEmpty();
        assertThat(config.badShare()).isEqualTo(0.03);
        assertThat(config.missingShare()).isEqualTo(0.04);
        assertThat(config.jitter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.quietPartition()).isEmpty();
        assertThat(config.partitions()).isEmpty();
        assertThat(config.seed()).isEmpty();
        assertThat(config.startTime()).isEmpty();
        assertThat(config.producerProperties()).isEmpty();
        assertThat(config.reportEvery()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.users()).isEqualTo(10_000);
        assertThat(config.timeLapse()).isEqualTo(1);
        assertThat(config.incidents().any()).isFalse();
        assertThat(config.incidents().every()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.incidents().burstSize()).isEqualTo(20);
        assertThat(config.incidents().crowdSize()).isEqualTo(30);
        assertThat(config.groundTruth()).isEmpty();
        assertThat(config.watchedLocales()).isEmpty();
        assertThat(config.minimumAppVersion()).isEmpty();
    }

    @Test
    void incidentFlags(@TempDir Path dir) throws Exception {
        GeneratorConfig config = GeneratorFlags.parse(
                "--incidents", "burst,takeover",
                "--incidents", "outdated_version",
                "--incident-every", "20s",
                "--ground-truth", dir.resolve("truth.jsonl").toString(),
                "--burst-size", "50",
                "--crowd-size", "25",
                "--watched-locales", "kp, ir",
                "--minimum-app-version", "2.2");

        assertThat(config.incidents().kinds())
                .containsExactly(IncidentKind.BURST, IncidentKind.TAKEOVER, IncidentKind.OUTDATED_VERSION);
        assertThat(config.incidents().every()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.groundTruth()).contains(dir.resolve("truth.jsonl"));
        assertThat(config.incidents().burstSize()).isEqualTo(50);
        assertThat(config.incidents().crowdSize()).isEqualTo(25);
        assertThat(config.watchedLocales()).containsExactly("KP", "IR");
        assertThat(config.minimumAppVersion()).contains(AppVersion.parse("2.2.0"));
        assertThat(config.recordMix().watchedLocales()).containsExactly("KP", "IR");
    }

    @Test
    void allIsEveryKindTheWatchedLocalesAndTheMinimumVersionAllow() throws Exception {
        assertThat(GeneratorFlags.parse("--incidents", "all").incidents().kinds())
                .containsExactly(
                        IncidentKind.TAKEOVER, IncidentKind.BURST, IncidentKind.SHARED_DEVICE, IncidentKind.SHARED_IP);
        assertThat(GeneratorFlags.parse(
                                "--incidents", "all", "--watched-locales", "KP", "--minimum-app-version", "2.0.0")
                        .incidents()
                        .kinds())
                .containsExactly(IncidentKind.values());
    }

    @Test
    void incidentsTheJobsSettingsCannotAlertOnAreRefused(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> GeneratorFlags.parse("--incidents", "watched_locale"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--incidents: watched_locale needs --watched-locales (the job's list)");
        assertThatThrownBy(() -> GeneratorFlags.parse("--incidents", "outdated_version"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--incidents: outdated_version needs --minimum-app-version");
        assertThatThrownBy(
                        () -> GeneratorFlags.parse("--incidents", "outdated_version", "--minimum-app-version", "0.9"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("1.0 or newer");
        assertThatThrownBy(() -> GeneratorFlags.parse("--incidents", "phishing"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--incidents: 'phishing' is not a kind of incident (takeover, burst, shared_device,"
                        + " shared_ip, watched_locale, outdated_version, or all)");
        assertThatThrownBy(() -> GeneratorFlags.parse("--minimum-app-version", "9"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--minimum-app-version: every app version the background runs");
        Path existing = Files.writeString(dir.resolve("old.jsonl"), "");
        assertThatThrownBy(() -> GeneratorFlags.parse("--ground-truth", existing.toString()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("exists already");
        assertThatThrownBy(() -> GeneratorFlags.parse(
                        "--ground-truth", dir.resolve("no/such/truth.jsonl").toString()))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--ground-truth: there is no folder");
    }

    @Test
    void everyFlag() throws Exception {
        GeneratorConfig config = GeneratorFlags.parse(
                "--bootstrap-servers", "kafka:9092,kafka2:9092",
                "--topic", "user-login-test",
                "--rate", "250.5",
                "--count", "1000",
                "--bad-share", "0.5",
                "--missing-share", "0",
                "--jitter", "500ms",
                "--quiet-partition", "2",
                "--partitions", "3",
                "--seed", "-42",
                "--start-time", "1736653976",
                "--users", "50",
                "--time-lapse", "60",
                "--producer-property", "linger.ms=5",
                "--producer-property", "client.id = mine",
                "--report-every", "1m");

        assertThat(config.bootstrapServers()).isEqualTo("kafka:9092,kafka2:9092");
        assertThat(config.topic()).isEqualTo("user-login-test");
        assertThat(config.recordsPerSecond()).isEqualTo(250.5);
        assertThat(config.count()).hasValue(1000);
        assertThat(config.badShare()).isEqualTo(0.5);
        assertThat(config.missingShare()).isZero();
        assertThat(config.jitter()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.quietPartition()).hasValue(2);
        assertThat(config.partitions()).hasValue(3);
        assertThat(config.seed()).hasValue(-42);
        assertThat(config.startTime()).contains(Instant.ofEpochSecond(1736653976));
        assertThat(config.users()).isEqualTo(50);
        assertThat(config.timeLapse()).isEqualTo(60);
        assertThat(config.recordsPerEventSecond()).isEqualTo(250.5 / 60);
        assertThat(config.producerProperties())
                .containsExactly(Map.entry("linger.ms", "5"), Map.entry("client.id", "mine"));
        assertThat(config.reportEvery()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void valuesMayFollowAnEqualsSign() throws Exception {
        GeneratorConfig config = GeneratorFlags.parse("--rate=max", "--jitter=10s", "--producer-property=acks=1");

        assertThat(config.unpaced()).isTrue();
        assertThat(config.jitter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.producerProperties()).containsEntry("acks", "1");
    }

    @Test
    void rateZeroAndMaxBothMeanUnpaced() throws Exception {
        assertThat(GeneratorFlags.parse("--rate", "0").unpaced()).isTrue();
        assertThat(GeneratorFlags.parse("--rate", "MAX").unpaced()).isTrue();
        assertThat(GeneratorFlags.parse("--jitter", "0").jitter()).isZero();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--rate|fast|'fast' is not a number of records per second",
                "--rate|-1|'-1' is not a number of records per second",
                "--count|0|'0' is not a positive whole number",
                "--count|ten|'ten' is not a whole number",
                "--bad-share|1.5|'1.5' is not a fraction between 0 and 1",
                "--missing-share|NaN|'NaN' is not a fraction between 0 and 1",
                "--jitter|2|'2' is not a duration",
                "--jitter|5d|unknown unit",
                "--report-every|0|must be longer than 0",
                "--quiet-partition|-1|'-1' is not a partition number",
                "--partitions|0|'0' is not a positive whole number",
                "--seed|abc|'abc' is not a whole number",
                "--start-time|1736653976000|looks like milliseconds",
                "--start-time|yesterday|'yesterday' is not a whole number",
                "--users|0|'0' is not a positive whole number",
                "--incident-every|0|must be longer than 0",
                "--time-lapse|0|'0' is not a factor above 0",
                "--burst-size|1|it takes at least 2",
                "--crowd-size|x|'x' is not a whole number",
                "--minimum-app-version|v2|'v2' is not a dotted version",
                "--watched-locales|' '|must not be blank",
                "--producer-property|linger.ms|'linger.ms' is not key=value",
                "--topic|user login|is not a Kafka topic name",
                "--bootstrap-servers|' '|must not be blank",
            })
    void badValuesAreRefusedNamingTheFlag(String flag, String value, String problem) {
        assertThatThrownBy(() -> GeneratorFlags.parse(flag, value))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith(flag + ": ")
                .hasMessageContaining(problem);
    }

    @Test
    void unknownFlagsAndStrayArgumentsAreRefused() {
        assertThatThrownBy(() -> GeneratorFlags.parse("--rate", "5", "--speed", "9"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("unknown flag --speed");
        assertThatThrownBy(() -> GeneratorFlags.parse("fast"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'fast'");
    }

    @Test
    void aFlagWithoutItsValueIsRefused() {
        assertThatThrownBy(() -> GeneratorFlags.parse("--rate", "--count", "5"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--rate needs a value");
        assertThatThrownBy(() -> GeneratorFlags.parse("--count"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--count needs a value");
    }

    @Test
    void onlyProducerPropertiesMayBeRepeated() {
        assertThatThrownBy(() -> GeneratorFlags.parse("--rate", "5", "--rate", "6"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--rate is given more than once");
    }

    @Test
    void aQuietPartitionMustBeAmongThePartitionsSpreadOver() {
        assertThatThrownBy(() -> GeneratorFlags.parse("--partitions", "3", "--quiet-partition", "3"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--quiet-partition");
        assertThatThrownBy(() -> GeneratorFlags.parse("--partitions", "1", "--quiet-partition", "0"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--quiet-partition");
    }

    @Test
    void helpListsEveryFlagWithItsDefault() {
        String usage = GeneratorFlags.usage();
        for (String flag : new String[] {
            "--bootstrap-servers",
            "--topic",
            "--rate",
            "--count",
            "--bad-share",
            "--missing-share",
            "--jitter",
            "--quiet-partition",
            "--partitions",
            "--seed",
            "--start-time",
            "--users",
            "--time-lapse",
            "--incidents",
            "--incident-every",
            "--ground-truth",
            "--burst-size",
            "--crowd-size",
            "--watched-locales",
            "--minimum-app-version",
            "--producer-property",
            "--report-every",
            "--help"
        }) {
            assertThat(usage).contains(flag);
        }
        assertThat(usage)
                .contains(
                        "(default: localhost:29092)",
                        "(default: user-login)",
                        "(default: 10)",
                        "(default: 0.03)",
                        "(default: 0.04)",
                        "(default: 2s)",
                        "(default: 5s)",
                        "(default: 1m)",
                        "(default: unlimited)");
    }
}
