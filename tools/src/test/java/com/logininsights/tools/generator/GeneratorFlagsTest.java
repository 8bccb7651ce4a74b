package com.logininsights.tools.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logininsights.tools.cli.UsageException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
                        "(default: unlimited)");
    }
}
