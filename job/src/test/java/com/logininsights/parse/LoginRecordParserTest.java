package com.logininsights.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.model.DeadLetter;
import com.logininsights.model.LoginEvent;
import com.logininsights.model.LoginField;
import com.logininsights.model.ParseResult;
import com.logininsights.model.RejectReason;
import com.logininsights.model.SourcePosition;
import com.logininsights.testing.Logins;
import com.logininsights.testing.Sample;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LoginRecordParserTest {
    /** 2024-01-01T00:00:00Z: after every sample's event time, before 2100. */
    private static final long NOW = 1704067200_000L;

    private static final SourcePosition SOURCE = new SourcePosition("user-login", 3, 42, NOW - 1000);
    private static final LoginRecordParser PARSER = new LoginRecordParser(new ParserSettings(65536, 60_000), () -> NOW);

    static List<Sample> samples() {
        return Sample.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleGetsItsExpectedOutcome(Sample sample) {
        ParseResult result = PARSER.parse(sample.value(), null, SOURCE);

        if (sample.valid()) {
            assertThat(result.deadLetter()).as("dead letter").isNull();
            assertThat(result.event().source()).isEqualTo(SOURCE);
        } else {
            assertThat(result.event()).isNull();
            DeadLetter letter = result.deadLetter();
            assertThat(letter.reason()).isEqualTo(sample.expectedReason());
            assertThat(letter.message()).isNotBlank();
            assertThat(letter.source()).isEqualTo(SOURCE);
            assertThat(letter.payloadSize()).isEqualTo(sample.value().length);
            assertThat(letter.rejectedAtMillis()).isEqualTo(NOW);
        }
    }

    @Test
    void theSamplesCoverEveryReason() {
        Set<RejectReason> covered = EnumSet.noneOf(RejectReason.class);
        Sample.all().stream().filter(s -> !s.valid()).forEach(s -> covered.add(s.expectedReason()));
        assertThat(covered).containsExactlyInAnyOrder(RejectReason.values());
    }

    @Test
    void theAssignmentExampleKeepsEveryField() {
        LoginEvent event = accept(Sample.login("424cdd21-063a-43a7-b91b-7ca1a833afae", 1694479551));
        assertThat(event)
                .isEqualTo(Logins.event(
                        "424cdd21-063a-43a7-b91b-7ca1a833afae",
                        "2.3.0",
                        "android",
                        "199.172.111.135",
                        "RU",
                        "593-47-5928",
                        1694479551_000L,
                        SOURCE));
        assertThat(event.missingFields()).isEmpty();
    }

    @Test
    void stringsAreTrimmedDeviceTypeLowerCasedAndLocaleUpperCased() {
        LoginEvent event = accept("{\"user_id\": \"  u-5  \", \"device_type\": \" IOS \", \"locale\": \" ru \","
                + " \"app_version\": \" 2.3.0 \", \"ip\": \" 1.2.3.4 \", \"device_id\": \" d \","
                + " \"timestamp\": \" 1694479551 \"}");
        assertThat(event.userId()).isEqualTo("u-5");
        assertThat(event.text(LoginField.DEVICE_TYPE)).isEqualTo("ios");
        assertThat(event.text(LoginField.LOCALE)).isEqualTo("RU");
        assertThat(event.text(LoginField.APP_VERSION)).isEqualTo("2.3.0");
        assertThat(event.text(LoginField.IP)).isEqualTo("1.2.3.4");
        assertThat(event.text(LoginField.DEVICE_ID)).isEqualTo("d");
        assertThat(event.eventTimeMillis()).isEqualTo(1694479551_000L);
    }

    @Test
    void iOSFromUpstreamBecomesIos() {
        assertThat(accept("{\"user_id\": \"u\", \"device_type\": \"iOS\", \"timestamp\": 1694479551}")
                        .text(LoginField.DEVICE_TYPE))
                .isEqualTo("ios");
    }

    @Test
    void absentNullAndBlankOptionalFieldsAreNullAndListedAsMissing() {
        LoginEvent event = accept("{\"user_id\": \"u\", \"device_type\": \"\", \"locale\": null,"
                + " \"ip\": \"   \", \"timestamp\": 1694479551}");
        assertThat(event.text(LoginField.DEVICE_TYPE)).isNull();
        assertThat(event.text(LoginField.LOCALE)).isNull();
        assertThat(event.missingFields()).containsExactly("app_version", "device_type", "ip", "locale", "device_id");
    }

    @Test
    void secondsMillisecondsAndFractionsAllBecomeMilliseconds() {
        assertThat(timestamp("1694479551")).isEqualTo(1694479551_000L);
        assertThat(timestamp("\"1694479551\"")).isEqualTo(1694479551_000L);
        assertThat(timestamp("1694479551123")).isEqualTo(1694479551_123L);
        assertThat(timestamp("\"1694479551123\"")).isEqualTo(1694479551_123L);
        assertThat(timestamp("1694479551.25")).isEqualTo(1694479551_250L);
        assertThat(timestamp("\"1694479551.5\"")).isEqualTo(1694479551_500L);
        assertThat(timestamp("1.694479551E9")).isEqualTo(1694479551_000L);
        // The line between seconds and milliseconds: 99,999,999,999 s is year 5138, so it is rejected as future.
        assertThat(reject("{\"user_id\": \"u\", \"timestamp\": 99999999999}").reason())
                .isEqualTo(RejectReason.TIMESTAMP_IN_FUTURE);
        assertThat(timestamp("100000000000")).isEqualTo(100_000_000_000L);
    }

    @Test
    void anEventWithinTheAllowedSkewIsAcceptedAndOneBeyondItIsNot() {
        long nowSeconds = NOW / 1000;
        assertThat(timestamp(String.valueOf(nowSeconds + 60))).isEqualTo(NOW + 60_000);
        DeadLetter letter = reject("{\"user_id\": \"u\", \"timestamp\": " + (nowSeconds + 61) + "}");
        assertThat(letter.reason()).isEqualTo(RejectReason.TIMESTAMP_IN_FUTURE);
        assertThat(letter.field()).isEqualTo("timestamp");
    }

    @Test
    void aDeadLetterNamesTheFieldAtFault() {
        DeadLetter letter = reject("{\"user_id\": 42, \"timestamp\": 1694479551}");
        assertThat(letter.field()).isEqualTo("user_id");
        assertThat(letter.message()).isEqualTo("field 'user_id' must be a string, got a number");
        assertThat(reject("{\"user_id\": \"u\", \"timestamp\": \"yesterday\"}").message())
                .isEqualTo("field 'timestamp' is not a number: \"yesterday\"");
        assertThat(reject("{\"user_id\": \"u\", \"locale\": \"a\", \"locale\": \"b\", \"timestamp\": 1}")
                        .field())
                .isEqualTo("locale");
    }

    @Test
    void aWholeRecordFaultHasNoField() {
        assertThat(reject("[1]").field()).isNull();
        assertThat(reject("nope").field()).isNull();
    }

    @Test
    void aTooLargeRecordKeepsOnlyItsFirstKibibyteButRemembersItsSize() {
        byte[] big = ("{\"user_id\": \"u\", \"timestamp\": 1694479551, \"pad\": \"" + "x".repeat(70_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = PARSER.parse(big, null, SOURCE).deadLetter();
        assertThat(letter.reason()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(letter.payload()).hasSize(ParserSettings.TRUNCATED_PAYLOAD_BYTES);
        assertThat(letter.payloadSize()).isEqualTo(big.length);
        assertThat(letter.payloadTruncated()).isTrue();
    }

    @Test
    void aDeadLetterKeepsTheRawBytesAndKey() {
        byte[] value = {(byte) 0xFF, (byte) 0xFE, '{'};
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = PARSER.parse(value, key, SOURCE).deadLetter();
        assertThat(letter.reason()).isEqualTo(RejectReason.NOT_UTF8);
        assertThat(letter.payload()).isEqualTo(value);
        assertThat(letter.key()).isEqualTo(key);
        assertThat(letter.payloadTruncated()).isFalse();
    }

    @Test
    void aLoneSurrogateEscapeBecomesAReplacementCharacter() {
        LoginEvent event = accept("{\"user_id\": \"u\\ud800\", \"locale\": \"\\udfffx\", \"timestamp\": 1694479551}");
        assertThat(event.userId()).isEqualTo("u\uFFFD");
        assertThat(event.text(LoginField.LOCALE)).isEqualTo("\uFFFDX");
    }

    @Test
    void aNullValueIsEmpty() {
        assertThat(PARSER.parse(null, null, SOURCE).deadLetter().reason()).isEqualTo(RejectReason.EMPTY);
    }

    @Test
    void deepNestingInAnUnknownFieldIsNotJsonRatherThanACrash() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThat(reject("{\"user_id\": \"u\", \"x\": " + deep + ", \"timestamp\": 1}")
                        .reason())
                .isEqualTo(RejectReason.NOT_JSON);
    }

    private static long timestamp(String json) {
        return accept("{\"user_id\": \"u\", \"timestamp\": " + json + "}").eventTimeMillis();
    }

    private static LoginEvent accept(String json) {
        ParseResult result = PARSER.parse(json.getBytes(StandardCharsets.UTF_8), null, SOURCE);
        assertThat(result.deadLetter()).as("dead letter for %s", json).isNull();
        return result.event();
    }

    private static DeadLetter reject(String json) {
        ParseResult result = PARSER.parse(json.getBytes(StandardCharsets.UTF_8), null, SOURCE);
        assertThat(result.event()).as("event for %s", json).isNull();
        return result.deadLetter();
    }
}
