package com.logininsights.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadLetterJsonTest {
    /** The two dead letters the README and docs/data-contract.md show, as the job writes them. */
    private static final String TEXT_PAYLOAD =
            "{\"reason\":\"wrong_type\",\"message\":\"field 'user_id' must be a string, got a number\","
                    + "\"field\":\"user_id\",\"payload\":\"{\\\"user_id\\\": 42, \\\"timestamp\\\": 1694479551}\","
                    + "\"payload_encoding\":\"utf8\",\"payload_size\":40,\"payload_truncated\":false,\"key\":null,"
                    + "\"key_encoding\":null,\"source\":{\"topic\":\"user-login\",\"partition\":0,\"offset\":77,"
                    + "\"timestamp\":\"2023-09-12T00:45:53.020Z\"},\"rejected_at\":\"2023-09-12T00:46:40Z\"}";

    private static final String BINARY_PAYLOAD =
            "{\"reason\":\"not_utf8\",\"message\":\"the record is not valid UTF-8\",\"field\":null,"
                    + "\"payload\":\"wyh7\",\"payload_encoding\":\"base64\",\"payload_size\":3,"
                    + "\"payload_truncated\":false,\"key\":null,\"key_encoding\":null,\"source\":{\"topic\":"
                    + "\"user-login\",\"partition\":1,\"offset\":78,\"timestamp\":\"2023-09-12T00:45:53.020Z\"},"
                    + "\"rejected_at\":\"2023-09-12T00:46:40Z\"}";

    @Test
    void aTextPayloadIsDecodedToTheBytesThatWereRejected() throws Exception {
        DeadLetter letter = DeadLetterJson.read(TEXT_PAYLOAD);

        assertThat(letter.reason()).isEqualTo("wrong_type");
        assertThat(letter.field()).isEqualTo("user_id");
        assertThat(new String(letter.payload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"user_id\": 42, \"timestamp\": 1694479551}");
        assertThat(letter.key()).isNull();
        assertThat(letter.payloadTruncated()).isFalse();
        assertThat(letter.source())
                .isEqualTo(new DeadLetter.Source("user-login", 0, 77, Instant.parse("2023-09-12T00:45:53.020Z")));
        assertThat(letter.source().id()).isEqualTo("user-login/0/77");
        assertThat(letter.rejectedAt()).isEqualTo(Instant.parse("2023-09-12T00:46:40Z"));
    }

    @Test
    void aBase64PayloadIsDecodedToItsBytes() throws Exception {
        DeadLetter letter = DeadLetterJson.read(BINARY_PAYLOAD);

        assertThat(letter.payload()).containsExactly(0xC3, 0x28, 0x7B);
        assertThat(letter.field()).isNull();
    }

    @Test
    void aTruncatedPayloadSaysSo() throws Exception {
        DeadLetter letter =
                DeadLetterJson.read(TEXT_PAYLOAD.replace("\"payload_truncated\":false", "\"payload_truncated\":true"));

        assertThat(letter.payloadTruncated()).isTrue();
    }

    @Test
    void aLineOfTheFileIsOneLineAndReadsBackToTheSameBytes() throws Exception {
        byte[][] payloads = {
            "{\"user_id\":\"a\",\n\t\"locale\":\"ru \\u0000 \u2028 😀\"}".getBytes(StandardCharsets.UTF_8),
            {(byte) 0xC3, 0x28, 0x7B, 0x00, (byte) 0xFF},
            {},
            null,
        };
        byte[][] keys = {"k\"1\\".getBytes(StandardCharsets.UTF_8), {(byte) 0x80}, null, {}};
        for (int i = 0; i < payloads.length; i++) {
            DeadLetter letter = new DeadLetter(
                    "missing_user_id",
                    "field 'user_id' is missing",
                    "user_id",
                    new DeadLetter.Source("user-login", 2, 1041, Instant.parse("2026-11-29T10:00:01.123Z")),
                    Instant.parse("2026-11-29T10:00:02Z"),
                    keys[i],
                    payloads[i],
                    false);

            String line = DeadLetterJson.line(letter);
            DeadLetter back = DeadLetterJson.read(line);

            assertThat(line).doesNotContain("\n", "\r", "\u2028");
            assertThat(back.payload()).isEqualTo(payloads[i]);
            assertThat(back.key()).isEqualTo(keys[i]);
            assertThat(back.source()).isEqualTo(letter.source());
            assertThat(back.reason()).isEqualTo(letter.reason());
            assertThat(back.rejectedAt()).isEqualTo(letter.rejectedAt());
        }
    }

    @Test
    void aTextPayloadStaysTextInTheFileSoItCanBeFixedByHand() throws Exception {
        String line = DeadLetterJson.line(DeadLetterJson.read(TEXT_PAYLOAD));

        assertThat(line)
                .contains("\"payload\":\"{\\\"user_id\\\": 42, \\\"timestamp\\\": 1694479551}\"")
                .contains("\"payload_encoding\":\"utf8\"")
                .contains("\"source\":{\"topic\":\"user-login\",\"partition\":0,\"offset\":77,"
                        + "\"timestamp\":\"2023-09-12T00:45:53.020Z\"}")
                .doesNotContain("payload_size");
        assertThat(DeadLetterJson.line(DeadLetterJson.read(BINARY_PAYLOAD)))
                .contains("\"payload\":\"wyh7\",\"payload_encoding\":\"base64\"");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"reason\": |not JSON",
                "[1] |not a JSON object",
                "{\"reason\":\"empty\"} |no source object",
                "{\"source\":{\"topic\":\"t\",\"partition\":0,\"offset\":1,\"timestamp\":\"2026-11-29T10:00:00Z\"}}"
                        + " |no 'reason'",
                "{\"reason\":\"empty\",\"source\":{\"topic\":\"t\",\"partition\":\"0\",\"offset\":1,"
                        + "\"timestamp\":\"2026-11-29T10:00:00Z\"}} |no whole number 'partition'",
                "{\"reason\":\"empty\",\"source\":{\"topic\":\"t\",\"partition\":0,\"offset\":1,"
                        + "\"timestamp\":\"yesterday\"}} |'timestamp' is not an ISO-8601 instant",
                "{\"reason\":\"empty\",\"payload\":\"%%%\",\"payload_encoding\":\"base64\",\"source\":{\"topic\":\"t\","
                        + "\"partition\":0,\"offset\":1,\"timestamp\":\"2026-11-29T10:00:00Z\"}} |'payload' is not base64",
                "{\"reason\":\"empty\",\"payload\":\"x\",\"payload_encoding\":\"hex\",\"source\":{\"topic\":\"t\","
                        + "\"partition\":0,\"offset\":1,\"timestamp\":\"2026-11-29T10:00:00Z\"}}"
                        + " |'payload_encoding' is 'hex'",
                "{\"reason\":\"empty\",\"payload\":\"x\",\"payload\":\"y\",\"source\":{\"topic\":\"t\","
                        + "\"partition\":0,\"offset\":1,\"timestamp\":\"2026-11-29T10:00:00Z\"}} |Duplicate field 'payload'",
                "{\"reason\":\"empty\",\"payload\":42,\"source\":{\"topic\":\"t\","
                        + "\"partition\":0,\"offset\":1,\"timestamp\":\"2026-11-29T10:00:00Z\"}} |'payload' is not a string",
            })
    void whatIsNotADeadLetterIsRefusedSayingWhy(String json, String why) {
        assertThatThrownBy(() -> DeadLetterJson.read(json.trim()))
                .isInstanceOf(DeadLetterJson.InvalidDeadLetter.class)
                .hasMessageContaining(why);
    }
}
