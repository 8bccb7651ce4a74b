package com.logininsights.properties;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.logininsights.insights.Dimension;
import com.logininsights.insights.DimensionInsight;
import com.logininsights.insights.DimensionLimits;
import com.logininsights.insights.Insight;
import com.logininsights.insights.LateEvent;
import com.logininsights.insights.WindowTally;
import com.logininsights.insights.WindowTallySerializer;
import com.logininsights.model.DeadLetter;
import com.logininsights.model.LoginEvent;
import com.logininsights.model.LoginEventSerializer;
import com.logininsights.model.LoginField;
import com.logininsights.model.ParseResult;
import com.logininsights.model.SourcePosition;
import com.logininsights.output.DeadLetterJson;
import com.logininsights.output.EnrichedEventJson;
import com.logininsights.output.InsightJson;
import com.logininsights.output.JsonWriter;
import com.logininsights.output.OutputKeys;
import com.logininsights.parse.LoginRecordParser;
import com.logininsights.parse.ParserSettings;
import com.logininsights.parse.Utf8;
import com.logininsights.properties.Inputs.Fields;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Every value the parser accepts, whatever its characters and its length up to the record limit, survives every
 * serializer (the network hop and the window state), every output (JSON and Kafka keys) and reads back the same.
 */
class SurvivalProperties {
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final SourcePosition SOURCE = new SourcePosition("user-login", 2, 99, 1_694_479_552_250L);
    private static final LoginRecordParser PARSER =
            new LoginRecordParser(new ParserSettings(65_536, 60_000), System::currentTimeMillis);
    private static final TypeSerializer<Insight> INSIGHTS =
            TypeInformation.of(Insight.class).createSerializer(new SerializerConfigImpl());

    @Property(tries = 500)
    void whatTheParserAcceptsSurvivesEverySerializerStateAndOutput(@ForAll("fields") Fields fields) throws Exception {
        ParseResult result = PARSER.parse(
                fields.json(String.valueOf(Inputs.EVENT_SECONDS)).getBytes(StandardCharsets.UTF_8), null, SOURCE);
        Assume.that(result.isAccepted());
        LoginEvent event = result.event();

        // The network hop to the window tally.
        assertThat(roundTrip(LoginEventSerializer.INSTANCE, event)).isEqualTo(event);

        // The window state, with every value counted on its own, and as the job counts them.
        for (DimensionLimits limits : new DimensionLimits[] {DimensionLimits.perWindow(256), unlimited()}) {
            WindowTally tally = new WindowTally();
            tally.add(event, limits);
            WindowTally restored = roundTrip(WindowTallySerializer.INSTANCE, tally);
            for (Dimension dimension : Dimension.values()) {
                assertThat(restored.values(dimension)
                                .keySet()
                                .equals(tally.values(dimension).keySet()))
                        .as("values of %s after a round trip", dimension)
                        .isTrue();
            }
        }

        // The enriched event's JSON reads back as the event, and is valid UTF-8; so is its Kafka key.
        byte[] json = new EnrichedEventJson().render(event, new JsonWriter());
        assertThat(Utf8.isValid(json)).isTrue();
        JsonNode read = JACKSON.readTree(json);
        assertThat(text(read, "user_id")).isEqualTo(event.userId());
        for (LoginField field : LoginField.TEXTS) {
            assertThat(text(read, field.jsonName())).as(field.jsonName()).isEqualTo(event.text(field));
        }
        byte[] key = OutputKeys.enriched(event).getBytes(StandardCharsets.UTF_8);
        assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo(event.userId());

        // Insights that carry the values: a per-value row and a late event, over the network and as JSON.
        Insight row = Insight.of(new DimensionInsight(0, 60_000, 0, Dimension.LOCALE, valueOf(event), 1, 1, 1));
        Insight late = Insight.of(new LateEvent(event, 0, 60_000));
        for (Insight insight : new Insight[] {row, late}) {
            assertThat(roundTrip(INSIGHTS, insight)).isEqualTo(insight);
            byte[] insightJson = new InsightJson().render(insight, new JsonWriter());
            assertThat(Utf8.isValid(insightJson)).isTrue();
            JsonNode insightRead = JACKSON.readTree(insightJson);
            if (insight == row) {
                assertThat(text(insightRead, "value")).isEqualTo(valueOf(event));
            } else {
                assertThat(text(insightRead, "user_id")).isEqualTo(event.userId());
            }
            assertThat(OutputKeys.insight(insight)).isNotEmpty();
        }
    }

    @Property
    void aDeadLetterGivesBackTheExactBytesItWasGiven(@ForAll @Size(max = 2_000) byte[] payload) throws Exception {
        ParseResult result = PARSER.parse(payload, payload, SOURCE);
        Assume.that(!result.isAccepted());
        DeadLetter letter = result.deadLetter();

        byte[] json = new DeadLetterJson().render(letter, new JsonWriter());
        assertThat(Utf8.isValid(json)).isTrue();
        JsonNode read = JACKSON.readTree(json);
        assertThat(decode(read, "payload")).isEqualTo(payload);
        assertThat(decode(read, "key")).isEqualTo(payload);
        assertThat(read.get("payload_size").asInt()).isEqualTo(payload.length);
        assertThat(read.get("source").get("offset").asLong()).isEqualTo(99);
    }

    @Provide
    Arbitrary<Fields> fields() {
        return Inputs.anyFields();
    }

    private static String valueOf(LoginEvent event) {
        return Dimension.LOCALE.valueOf(event);
    }

    private static DimensionLimits unlimited() {
        return new DimensionLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static byte[] decode(JsonNode node, String field) {
        String encoding = node.get(field + "_encoding").asText();
        String text = node.get(field).asText();
        return encoding.equals("base64") ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
