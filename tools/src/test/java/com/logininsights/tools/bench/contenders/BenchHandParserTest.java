package com.logininsights.tools.bench.contenders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.logininsights.tools.generator.GeneratedRecord;
import com.logininsights.tools.generator.LoginRecordFactory;
import com.logininsights.tools.generator.RecordMix;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-written contender must be honest work: it gets the job's outcomes on the generator's records. */
class BenchHandParserTest {
    private static final long NOW = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();
    private final HandParser parser = new HandParser("out", "dlq", () -> NOW);
    private final ObjectMapper mapper = new ObjectMapper();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "``                                                             | empty",
                "`   `                                                          | empty",
                "not json                                                       | not_json",
                "{\"user_id\": \"a\", \"timestamp\": 1694479551                 | not_json",
                "{\"user_id\": \"a\", \"timestamp\": 1694479551}{}              | not_json",
                "[1, 2]                                                         | not_object",
                "null                                                           | not_object",
                "{\"user_id\": \"a\", \"user_id\": \"b\", \"timestamp\": 1}      | duplicate_field",
                "{\"timestamp\": 1694479551}                                    | missing_user_id",
                "{\"user_id\": \"  \", \"timestamp\": 1694479551}               | missing_user_id",
                "{\"user_id\": \"a\", \"timestamp\": null}                      | missing_timestamp",
                "{\"user_id\": 42, \"timestamp\": 1694479551}                   | wrong_type",
                "{\"user_id\": \"a\", \"timestamp\": true}                      | wrong_type",
                "{\"user_id\": \"a\", \"locale\": [\"x\"], \"timestamp\": 1}    | wrong_type",
                "{\"user_id\": \"a\", \"timestamp\": \"yesterday\"}             | bad_timestamp",
                "{\"user_id\": \"a\", \"timestamp\": -5}                        | bad_timestamp",
                "{\"user_id\": \"a\", \"timestamp\": 4102444800}                | timestamp_in_future",
            })
    void rejectsWithTheJobsReason(String value, String reason) {
        HandParser.Rejected rejected = catchThrowableOfType(
                () -> parser.parse(value.getBytes(StandardCharsets.UTF_8)), HandParser.Rejected.class);
        assertThat(rejected).as(value).isNotNull();
        assertThat(rejected.reason).isEqualTo(reason);
    }

    @Test
    void rejectsTooLargeAndInvalidUtf8() {
        byte[] large = ("{\"user_id\": \"a\", \"pad\": \"" + "x".repeat(70_000) + "\", \"timestamp\": 1}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(catchThrowableOfType(() -> parser.parse(large), HandParser.Rejected.class).reason)
                .isEqualTo("too_large");
        byte[] latin1 = "{\"user_id\": \"caf\u00e9\", \"timestamp\": 1}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(catchThrowableOfType(() -> parser.parse(latin1), HandParser.Rejected.class).reason)
                .isEqualTo("not_utf8");
    }

    @Test
    void utf8ValidationIsStrict() {
        assertThat(Utf8Validator.isValid("plain, caf\u00e9, \u20ac, \ud83d\ude00".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(Utf8Validator.isValid(new byte[] {(byte) 0xC0, (byte) 0x80}))
                .as("overlong")
                .isFalse();
        assertThat(Utf8Validator.isValid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}))
                .as("surrogate")
                .isFalse();
        assertThat(Utf8Validator.isValid(new byte[] {(byte) 0xE2, (byte) 0x82}))
                .as("cut short")
                .isFalse();
        assertThat(Utf8Validator.isValid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}))
                .as("above U+10FFFF")
                .isFalse();
    }

    @Test
    void acceptsAndNormalisesLikeTheJob() throws Exception {
        byte[] value = ("{\"user_id\": \" u1 \", \"device_type\": \"iOS\", \"locale\": \"ru \", "
                        + "\"timestamp\": \"1694479551.25\", \"extra\": {\"a\": 1}, \"ip\": null}")
                .getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> out = parser.route(new ConsumerRecord<>("in", 2, 1041L, null, value));

        assertThat(out.topic()).isEqualTo("out");
        assertThat(new String(out.key(), StandardCharsets.UTF_8)).isEqualTo("u1");
        JsonNode enriched = mapper.readTree(out.value());
        assertThat(enriched.get("user_id").asText()).isEqualTo("u1");
        assertThat(enriched.get("device_type").asText()).isEqualTo("ios");
        assertThat(enriched.get("locale").asText()).isEqualTo("RU");
        assertThat(enriched.get("timestamp").asLong()).isEqualTo(1694479551L);
        assertThat(enriched.get("event_time").asText()).isEqualTo("2023-09-12T00:45:51.250Z");
        assertThat(enriched.get("missing_fields").toString()).isEqualTo("[\"app_version\",\"ip\",\"device_id\"]");
        assertThat(enriched.get("source").get("partition").asInt()).isEqualTo(2);
        assertThat(enriched.get("source").get("offset").asLong()).isEqualTo(1041L);
    }

    @Test
    void millisecondsAreRecognisedBySize() throws Exception {
        assertThat(HandParser.millis(1694479551L)).isEqualTo(1694479551000L);
        assertThat(HandParser.millis(1694479551000L)).isEqualTo(1694479551000L);
        assertThat(HandParser.millis("1694479551")).isEqualTo(1694479551000L);
    }

    @Test
    void deadLettersCarryTheReasonAndTheRecordsPlace() throws Exception {
        ProducerRecord<byte[], byte[]> out =
                parser.route(new ConsumerRecord<>("in", 0, 77L, null, "[1]".getBytes(StandardCharsets.UTF_8)));
        assertThat(out.topic()).isEqualTo("dlq");
        assertThat(new String(out.key(), StandardCharsets.UTF_8)).isEqualTo("in/0/77");
        JsonNode letter = mapper.readTree(out.value());
        assertThat(letter.get("reason").asText()).isEqualTo("not_object");
        assertThat(letter.get("payload").asText()).isEqualTo("[1]");
        assertThat(letter.get("source").get("offset").asLong()).isEqualTo(77L);
    }

    @Test
    void everyGeneratedRecordGetsTheOutcomeItWasMadeFor() {
        LoginRecordFactory factory = new LoginRecordFactory(
                7, Instant.ofEpochMilli(NOW).minusSeconds(3600), new RecordMix(0.3, 0.1, Duration.ofSeconds(2), 500));
        for (int i = 0; i < 5_000; i++) {
            GeneratedRecord record = factory.next(i * 100L);
            String outcome;
            try {
                parser.parse(record.value());
                outcome = null;
            } catch (HandParser.Rejected rejected) {
                outcome = rejected.reason;
            }
            assertThat(outcome)
                    .as("record %d, a %s", i, record.kind())
                    .isEqualTo(record.kind().deadLetterReason());
        }
    }
}
