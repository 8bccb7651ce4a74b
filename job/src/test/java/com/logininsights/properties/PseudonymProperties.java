package com.logininsights.properties;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.logininsights.config.JobFlags;
import com.logininsights.config.PseudonymKey;
import com.logininsights.model.LoginEvent;
import com.logininsights.model.LoginField;
import com.logininsights.model.ParseResult;
import com.logininsights.model.SourcePosition;
import com.logininsights.output.EnrichedEventJson;
import com.logininsights.output.JsonWriter;
import com.logininsights.output.Pseudonyms;
import com.logininsights.parse.LoginRecordParser;
import com.logininsights.parse.ParserSettings;
import com.logininsights.parse.Utf8;
import com.logininsights.properties.Inputs.Fields;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * With {@code --pseudonymise}, whatever the parser accepts comes out as valid JSON with {@code ip} and {@code
 * device_id} as the keyed hash of their value (worked out here on its own: HMAC-SHA256 of the field's name, a zero
 * byte and the value's UTF-8, as lowercase hex) and every other field as it was. Distinct values, fields and keys
 * give distinct pseudonyms.
 */
class PseudonymProperties {
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final SourcePosition SOURCE = new SourcePosition("user-login", 0, 7, 1_694_479_552_250L);
    private static final LoginRecordParser PARSER =
            new LoginRecordParser(new ParserSettings(65_536, 60_000), System::currentTimeMillis);

    @Property(tries = 300)
    void theEnrichedJsonCarriesTheKeyedHashOfEachPseudonymisedValueAndEveryOtherFieldAsItWas(
            @ForAll("fields") Fields fields, @ForAll("keys") String key) throws Exception {
        ParseResult result = PARSER.parse(
                fields.json(String.valueOf(Inputs.EVENT_SECONDS)).getBytes(StandardCharsets.UTF_8), null, SOURCE);
        Assume.that(result.isAccepted());
        LoginEvent event = result.event();

        byte[] json = new EnrichedEventJson(new Pseudonyms(key(key))).render(event, new JsonWriter());

        assertThat(Utf8.isValid(json)).isTrue();
        JsonNode read = JACKSON.readTree(json);
        for (LoginField field : LoginField.TEXTS) {
            JsonNode value = read.get(field.jsonName());
            String original = event.text(field);
            if (original == null) {
                assertThat(value.isNull()).as("%s, absent", field.jsonName()).isTrue();
            } else if (LoginField.PSEUDONYMISED.contains(field)) {
                assertThat(value.asText())
                        .as("%s", field.jsonName())
                        .matches("[0-9a-f]{64}")
                        .isEqualTo(hmacSha256Hex(key, field.jsonName(), original));
            } else {
                assertThat(value.asText()).as("%s", field.jsonName()).isEqualTo(original);
            }
        }
    }

    @Property(tries = 300)
    void distinctValuesFieldsAndKeysGiveDistinctPseudonyms(
            @ForAll("texts") String value,
            @ForAll("texts") String other,
            @ForAll("keys") String key,
            @ForAll("keys") String otherKey) {
        Pseudonyms pseudonyms = new Pseudonyms(key(key));
        assertThat(pseudonyms.of(LoginField.IP, value)).isEqualTo(pseudonyms.of(LoginField.IP, value));
        assertThat(pseudonyms.of(LoginField.IP, value)).isNotEqualTo(pseudonyms.of(LoginField.DEVICE_ID, value));
        if (!value.equals(other)) {
            assertThat(pseudonyms.of(LoginField.IP, value)).isNotEqualTo(pseudonyms.of(LoginField.IP, other));
        }
        if (!key.strip().equals(otherKey.strip())) {
            assertThat(new Pseudonyms(key(otherKey)).of(LoginField.IP, value))
                    .isNotEqualTo(pseudonyms.of(LoginField.IP, value));
        }
    }

    @Provide
    Arbitrary<Fields> fields() {
        return Inputs.anyFields();
    }

    /** What the parser lets through: well-formed text (it replaces unpaired surrogates), trimmed, not blank. */
    @Provide
    Arbitrary<String> texts() {
        return Inputs.anyText()
                .filter(text -> text.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF))
                .map(String::strip)
                .filter(text -> !text.isEmpty());
    }

    /** Keys as a secret's text: printable, long enough, at times with a line end the reader strips. */
    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings()
                .withCharRange('!', '~')
                .ofMinLength(PseudonymKey.MINIMUM_BYTES)
                .ofMaxLength(64)
                .flatMap(text -> Arbitraries.of(text, text + "\n"));
    }

    private static PseudonymKey key(String text) {
        return JobFlags.parse(new String[] {"--pseudonymise"}, Map.of(PseudonymKey.ENVIRONMENT_VARIABLE, text))
                .pseudonymKey()
                .orElseThrow();
    }

    private static String hmacSha256Hex(String key, String field, String value) throws Exception {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(field.getBytes(StandardCharsets.UTF_8));
        message.write(0);
        message.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder hex = new StringBuilder();
        for (byte b : mac.doFinal(message.toByteArray())) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
