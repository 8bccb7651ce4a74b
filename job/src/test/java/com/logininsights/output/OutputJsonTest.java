package com.logininsights.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.logininsights.config.JobFlags;
import com.logininsights.config.PseudonymKey;
import com.logininsights.insights.Dimension;
import com.logininsights.insights.DimensionInsight;
import com.logininsights.insights.Insight;
import com.logininsights.insights.LateEvent;
import com.logininsights.insights.LateForSignals;
import com.logininsights.insights.LocaleCount;
import com.logininsights.insights.WindowSummary;
import com.logininsights.model.DeadLetter;
import com.logininsights.model.LoginEvent;
import com.logininsights.model.RejectReason;
import com.logininsights.model.SourcePosition;
import com.logininsights.testing.Logins;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The output schemas the README and docs/data-contract.md document, field by field. */
class OutputJsonTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final SourcePosition SOURCE = new SourcePosition("user-login", 3, 1234, 1_694_479_552_250L);
    private static final long EVENT_TIME = 1_694_479_551_000L;

    @Test
    void enrichedEventWithEveryField() throws IOException {
        LoginEvent event = Logins.event(
                "424cdd21", "2.3.0", "android", "199.172.111.135", "RU", "593-47-5928", EVENT_TIME, SOURCE);

        assertThat(read(new EnrichedEventJson().render(event, new JsonWriter())))
                .isEqualTo(read("""
                {"user_id":"424cdd21","app_version":"2.3.0","device_type":"android","ip":"199.172.111.135",
                 "locale":"RU","device_id":"593-47-5928","timestamp":1694479551,"event_time":"2023-09-12T00:45:51Z",
                 "missing_fields":[],
                 "source":{"topic":"user-login","partition":3,"offset":1234,"timestamp":"2023-09-12T00:45:52.250Z"}}
                """));
    }

    @Test
    void pseudonymisedEnrichedEventAsOpensslComputesIt() throws IOException {
        LoginEvent event = Logins.event(
                "424cdd21", "2.3.0", "android", "199.172.111.135", "RU", "593-47-5928", EVENT_TIME, SOURCE);
        PseudonymKey key = JobFlags.parse(
                        new String[] {"--pseudonymise"},
                        Map.of(PseudonymKey.ENVIRONMENT_VARIABLE, "k3y-0f-the-pseudonyms-a-long-random-text"))
                .pseudonymKey()
                .orElseThrow();

        // printf 'ip\0%s' 199.172.111.135 | openssl dgst -sha256 -hmac k3y-0f-the-pseudonyms-a-long-random-text
        // printf 'device_id\0%s' 593-47-5928 | openssl dgst -sha256 -hmac k3y-0f-the-pseudonyms-a-long-random-text
        assertThat(read(new EnrichedEventJson(new Pseudonyms(key)).render(event, new JsonWriter())))
                .isEqualTo(read("""
                {"user_id":"424cdd21","app_version":"2.3.0","device_type":"android",
                 "ip":"792da2b2a59b6a8f3b0d4e0b742d87c3548fa6854b718b355b8b005928ba3255",
                 "locale":"RU","device_id":"d0068df47fa93222725c16cc6f75e7f85e5930ce407cdcc9b305e9717a4c13a1",
                 "timestamp":1694479551,"event_time":"2023-09-12T00:45:51Z","missing_fields":[],
                 "source":{"topic":"user-login","partition":3,"offset":1234,"timestamp":"2023-09-12T00:45:52.250Z"}}
                """));
    }

    @Test
    void enrichedEventNamesItsMissingFields() throws IOException {
        LoginEvent event = Logins.event("u", null, null, "1.2.3.4", null, null, EVENT_TIME + 5, SOURCE);

        JsonNode json = read(new EnrichedEventJson().render(event, new JsonWriter()));

        assertThat(json.get("device_type").isNull()).isTrue();
        assertThat(json.get("timestamp").asLong()).isEqualTo(1_694_479_551L);
        assertThat(json.get("event_time").asText()).isEqualTo("2023-09-12T00:45:51.005Z");
        assertThat(json.get("missing_fields").toString())
                .isEqualTo("[\"app_version\",\"device_type\",\"locale\",\"device_id\"]");
    }

    @Test
    void deadLetterKeepsUtf8PayloadsAsTextAndOthersAsBase64() throws IOException {
        DeadLetter text = new DeadLetter(
                RejectReason.NOT_JSON,
                "the record is not valid JSON",
                null,
                "{\"oops".getBytes(StandardCharsets.UTF_8),
                6,
                null,
                SOURCE,
                EVENT_TIME);
        DeadLetter binary = new DeadLetter(
                RejectReason.NOT_UTF8,
                "the record is not valid UTF-8",
                null,
                new byte[] {(byte) 0xff, 0x01},
                2,
                "k".getBytes(StandardCharsets.UTF_8),
                SOURCE,
                EVENT_TIME);

        assertThat(read(new DeadLetterJson().render(text, new JsonWriter()))).isEqualTo(read("""
                {"reason":"not_json","message":"the record is not valid JSON","field":null,
                 "payload":"{\\"oops","payload_encoding":"utf8","payload_size":6,"payload_truncated":false,
                 "key":null,"key_encoding":null,
                 "source":{"topic":"user-login","partition":3,"offset":1234,"timestamp":"2023-09-12T00:45:52.250Z"},
                 "rejected_at":"2023-09-12T00:45:51Z"}
                """));
        JsonNode json = read(new DeadLetterJson().render(binary, new JsonWriter()));
        assertThat(json.get("payload").asText()).isEqualTo("/wE=");
        assertThat(json.get("payload_encoding").asText()).isEqualTo("base64");
        assertThat(json.get("key").asText()).isEqualTo("k");
        assertThat(json.get("key_encoding").asText()).isEqualTo("utf8");
    }

    @Test
    void windowSummaryAndDimensionRows() throws IOException {
        Map<String, Double> shares = new TreeMap<>(Map.of("android", 0.6667, "ios", 0.3333));
        WindowSummary summary = new WindowSummary(
                0, 60_000, 2, 3, 2, shares, List.of(new LocaleCount("RU", 2, 2), new LocaleCount("US", 1, 1)), 1);
        DimensionInsight row = new DimensionInsight(0, 60_000, 0, Dimension.LOCALE, "RU", 2, 2, 0.5);

        assertThat(read(insight(Insight.of(summary)))).isEqualTo(read("""
                {"type":"summary","window_start":"1970-01-01T00:00:00Z","window_end":"1970-01-01T00:01:00Z",
                 "revision":2,"logins":3,"distinct_users":2,"records_with_missing_fields":1,
                 "device_share":{"android":0.6667,"ios":0.3333},
                 "top_locales":[{"locale":"RU","logins":2,"distinct_users":2},
                                {"locale":"US","logins":1,"distinct_users":1}]}
                """));
        assertThat(read(insight(Insight.of(row)))).isEqualTo(read("""
                {"type":"dimension","window_start":"1970-01-01T00:00:00Z","window_end":"1970-01-01T00:01:00Z",
                 "revision":0,"dimension":"locale","value":"RU","logins":2,"distinct_users":2,"user_share":0.5}
                """));
    }

    @Test
    void lateEvent() throws IOException {
        LoginEvent event = Logins.event("u1", null, "ios", null, "DE", null, EVENT_TIME, SOURCE);

        assertThat(read(insight(Insight.of(new LateEvent(event, 1_694_479_500_000L, 1_694_479_560_000L)))))
                .isEqualTo(read("""
                {"type":"late_event","window_start":"2023-09-12T00:45:00Z","window_end":"2023-09-12T00:46:00Z",
                 "event_time":"2023-09-12T00:45:51Z","user_id":"u1",
                 "source":{"topic":"user-login","partition":3,"offset":1234,"timestamp":"2023-09-12T00:45:52.250Z"}}
                """));
    }

    @Test
    void loginTooLateForTheSignals() throws IOException {
        Insight late = Insight.of(new LateForSignals("ip", "u1", EVENT_TIME, SOURCE));

        assertThat(read(insight(late))).isEqualTo(read("""
                {"type":"late_for_signals","subject_type":"ip","event_time":"2023-09-12T00:45:51Z","user_id":"u1",
                 "source":{"topic":"user-login","partition":3,"offset":1234,"timestamp":"2023-09-12T00:45:52.250Z"}}
                """));
        assertThat(OutputKeys.insight(late)).isEqualTo("late-for-signals/ip/user-login/3/1234");
    }

    private static byte[] insight(Insight insight) {
        return new InsightJson().render(insight, new JsonWriter());
    }

    private static JsonNode read(byte[] json) throws IOException {
        return JACKSON.readTree(json);
    }

    private static JsonNode read(String json) throws IOException {
        return JACKSON.readTree(json);
    }
}
