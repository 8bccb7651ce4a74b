package com.logininsights.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

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
        assertThat(config.kafkaProperties()).isEmpty();
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
        assertThat(config.kafkaProperties()).isEqualTo(Map.of("security.protocol", "SSL", "sasl.mechanism", "PLAIN"));
    }

    @Test
    void badFlagsAreNamedInTheError() {
        assertUsageError("unknown flag '--windw'", "--windw", "1m");
        assertUsageError("--window needs a value", "--window");
        assertUsageError("bad value for --window: '10' is not a duration", "--window", "10");
        assertUsageError("bad value for --window: must be more than zero", "--window", "0s");
        assertUsageError("bad value for --idleness: '5x' has an unknown unit", "--idleness", "5x");
        assertUsageError("bad value for --parallelism: 'two' is not a positive whole number", "--parallelism", "two");
        assertUsageError(
                "bad value for --delivery-guarantee: 'maybe' is not exactly-once or at-least-once",
                "--delivery-guarantee",
                "maybe");
        assertUsageError(
                "bad value for --starting-offsets: 'newest' is not one of committed, earliest, latest",
                "--starting-offsets",
                "newest");
        assertUsageError("bad value for --kafka-property: 'acks' is not KEY=VALUE", "--kafka-property", "acks");
        assertUsageError("bad value for --input-topic: must not be empty", "--input-topic", " ");
        assertUsageError("--bounded takes no value", "--bounded=yes");
    }

    @Test
    void helpListsEveryFlagWithItsDefault() {
        String usage = JobFlags.usage();
        for (JobFlags.Flag flag : JobFlags.flags()) {
            assertThat(usage).contains(flag.name()).contains("(default: " + flag.defaultValue() + ")");
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

    private static void assertUsageError(String expectedStart, String... args) {
        assertThatThrownBy(() -> JobFlags.parse(args))
                .isInstanceOf(UsageException.class)
                .message()
                .startsWith(expectedStart);
    }
}
