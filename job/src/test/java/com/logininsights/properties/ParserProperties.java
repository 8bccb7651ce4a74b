package com.logininsights.properties;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.model.DeadLetter;
import com.logininsights.model.LoginEvent;
import com.logininsights.model.LoginField;
import com.logininsights.model.ParseResult;
import com.logininsights.model.RejectReason;
import com.logininsights.model.SourcePosition;
import com.logininsights.parse.LoginRecordParser;
import com.logininsights.parse.ParserSettings;
import com.logininsights.properties.Inputs.Fields;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever arrives, the parser gives exactly one outcome, never throws, and normalises what it accepts. */
class ParserProperties {
    private static final int MAX_RECORD_BYTES = 65_536;
    private static final SourcePosition SOURCE = new SourcePosition("user-login", 1, 7, 0);
    private static final LoginRecordParser PARSER =
            new LoginRecordParser(new ParserSettings(MAX_RECORD_BYTES, 60_000), System::currentTimeMillis);

    @Property
    void anyBytesGetExactlyOneOutcome(@ForAll @Size(max = 300) byte[] bytes) {
        assertOneOutcome(bytes);
    }

    @Property(tries = 500)
    void anyJsonGetsExactlyOneOutcome(@ForAll("json") String json) {
        assertOneOutcome(json.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 200)
    void nestingAsDeepAsYouLikeGetsExactlyOneOutcome(@ForAll @IntRange(max = 5_000) int depth) {
        String deep = "[".repeat(depth) + "]".repeat(depth);
        assertOneOutcome(("{\"user_id\":\"u\",\"x\":" + deep + ",\"timestamp\":" + Inputs.EVENT_SECONDS + "}")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void aRecordIsAcceptedWithItsFieldsNormalisedOrRejectedForItsSizeOrItsMissingUser(@ForAll("fields") Fields fields) {
        byte[] record = fields.json(String.valueOf(Inputs.EVENT_SECONDS)).getBytes(StandardCharsets.UTF_8);
        ParseResult result = assertOneOutcome(record);

        if (record.length > MAX_RECORD_BYTES) {
            assertThat(result.deadLetter().reason()).isEqualTo(RejectReason.TOO_LARGE);
        } else if (normalised(fields.value(LoginField.USER_ID)) == null) {
            assertThat(result.deadLetter().reason()).isEqualTo(RejectReason.MISSING_USER_ID);
        } else {
            LoginEvent event = result.event();
            assertThat(event).as("accepted").isNotNull();
            assertThat(event.userId()).isEqualTo(normalised(fields.value(LoginField.USER_ID)));
            for (LoginField field : LoginField.TEXTS) {
                assertThat(event.text(field)).as(field.jsonName()).isEqualTo(expected(field, fields.value(field)));
            }
            assertThat(event.eventTimeMillis()).isEqualTo(Inputs.EVENT_SECONDS * 1000);
        }
    }

    @Property
    void anyTimestampIsReadOrRejectedForItsTimestamp(@ForAll("timestamps") String timestamp) {
        ParseResult result = assertOneOutcome(
                ("{\"user_id\":\"u\",\"timestamp\":" + timestamp + "}").getBytes(StandardCharsets.UTF_8));
        if (!result.isAccepted()) {
            assertThat(result.deadLetter().reason())
                    .isIn(
                            RejectReason.TOO_LARGE,
                            RejectReason.BAD_TIMESTAMP,
                            RejectReason.TIMESTAMP_IN_FUTURE,
                            RejectReason.MISSING_TIMESTAMP,
                            RejectReason.WRONG_TYPE,
                            RejectReason.NOT_JSON);
        } else {
            assertThat(result.event().eventTimeMillis()).isPositive();
        }
    }

    @Provide
    Arbitrary<String> json() {
        return Inputs.anyJson();
    }

    @Provide
    Arbitrary<Fields> fields() {
        return Inputs.anyFields();
    }

    @Provide
    Arbitrary<String> timestamps() {
        Arbitrary<String> numbers = Arbitraries.oneOf(
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.bigDecimals().map(d -> d.toPlainString()),
                Arbitraries.strings().numeric().ofMaxLength(40).filter(s -> !s.isEmpty()));
        return Arbitraries.oneOf(
                numbers, numbers.map(Inputs::quoted), Inputs.anyText().map(Inputs::quoted));
    }

    private static ParseResult assertOneOutcome(byte[] record) {
        ParseResult result = PARSER.parse(record, null, SOURCE);
        assertThat(result.event() == null).as("exactly one outcome").isNotEqualTo(result.deadLetter() == null);
        if (!result.isAccepted()) {
            DeadLetter letter = result.deadLetter();
            assertThat(letter.payloadSize()).isEqualTo(record.length);
            assertThat(letter.source()).isEqualTo(SOURCE);
            assertThat(letter.message()).isNotBlank();
        }
        return result;
    }

    /** What the job makes of a field's text: trimmed, blank as absent, and in the case the field asks for. */
    private static String expected(LoginField field, String sent) {
        String text = normalised(sent);
        return switch (field.value()) {
            case LOWER_CASE_TEXT -> lower(text);
            case UPPER_CASE_TEXT -> upper(text);
            case TEXT, EPOCH_SECONDS -> text;
        };
    }

    /** What the parser makes of a text field: trimmed, blank as absent, a lone surrogate as U+FFFD. */
    static String normalised(String text) {
        if (text == null || text.trim().isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        String trimmed = text.trim();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < trimmed.length()
                    && Character.isLowSurrogate(trimmed.charAt(i + 1))) {
                out.append(c).append(trimmed.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    private static String upper(String text) {
        return text == null ? null : text.toUpperCase(Locale.ROOT);
    }
}
