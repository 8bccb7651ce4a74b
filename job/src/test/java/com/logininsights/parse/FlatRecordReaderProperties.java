package com.logininsights.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.logininsights.model.LoginEvent;
import com.logininsights.model.LoginField;
import com.logininsights.model.SourcePosition;
import com.logininsights.testing.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The fast reader of flat records decides nothing on its own: whenever it reads a record, the full parser accepts
 * that record as the same event. Records are generated the way the fast reader sees them: flat objects of known and
 * unknown fields, with plain and awkward values, duplicates, odd numbers and white space anywhere.
 */
class FlatRecordReaderProperties {
    private static final long NOW = System.currentTimeMillis();
    private static final SourcePosition SOURCE = new SourcePosition("user-login", 0, 5, NOW);
    private static final LoginRecordParser FULL = new LoginRecordParser(new ParserSettings(65_536, 60_000), () -> NOW);

    @Property(tries = 3000)
    void whatTheFastReaderReadsTheFullParserAcceptsAsTheSameEvent(@ForAll("flatRecords") String record) {
        byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
        LoginEvent fast = FlatRecordReader.read(bytes, SOURCE, NOW + 60_000);
        Statistics.label("read by").collect(fast == null ? "the full parser" : "the fast reader");
        if (fast == null) {
            return;
        }
        try {
            assertThat(FULL.readWithJackson(bytes, SOURCE)).isEqualTo(fast);
        } catch (Rejection rejection) {
            fail("the fast reader accepted what the full parser rejects (%s): %s", rejection.getMessage(), record);
        }
    }

    @Example
    void theRecordsUpstreamSendsTakeTheFastWay() {
        String assignment = Sample.login("424cdd21-063a-43a7-b91b-7ca1a833afae", Sample.EVENT_SECONDS);
        String stringTimestamp = "{\"user_id\": \"ac853026\", \"app_version\": \"2.3.0\", \"ip\": \"157.156.46.154\","
                + " \"locale\": \"LA\", \"device_id\": \"cf654cc7\", \"timestamp\": \"1736653976\","
                + " \"device_type\": \"iOS\"}";
        for (String record : List.of(assignment, stringTimestamp)) {
            assertThat(FlatRecordReader.read(record.getBytes(StandardCharsets.UTF_8), SOURCE, NOW + 60_000))
                    .as(record)
                    .isNotNull();
        }
    }

    @Provide
    Arbitrary<String> flatRecords() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of(knownNamesRequiredTwice()),
                Arbitraries.strings().alpha().ofMaxLength(8),
                Arbitraries.of("user\\u005fid", "USER_ID", "timestamp ", "été"));
        Arbitrary<String> seconds =
                Arbitraries.longs().between(1_600_000_000L, NOW / 1000 + 200).map(String::valueOf);
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.strings()
                        .withCharRange(' ', '~')
                        .excludeChars('"', '\\')
                        .ofMaxLength(12)
                        .map(s -> "\"" + s + "\""),
                Arbitraries.strings().all().ofMaxLength(6).map(FlatRecordReaderProperties::rawString),
                seconds,
                seconds.map(s -> "\"" + s + "\""),
                seconds.map(s -> "\" " + s + "0 \""),
                Arbitraries.of(
                        "null",
                        "true",
                        "0",
                        "-0",
                        "-5",
                        "01",
                        "1.5",
                        "1e9",
                        "{}",
                        "[]",
                        "\"\"",
                        "\"  \"",
                        "\"a\\\"b\"",
                        "123456789012345678901234",
                        "\"yesterday\"",
                        "nul",
                        "nullx",
                        "\"\\ud800\""),
                Arbitraries.longs().map(String::valueOf));
        Arbitrary<String> space = Arbitraries.of("", "", " ", "\n", "\t", "  ", "\r\n");
        Arbitrary<String> member = Combinators.combine(names, space, space, values)
                .as((name, before, after, value) -> "\"" + name + "\"" + before + ":" + after + value);
        Arbitrary<List<String>> members = member.list().ofMaxSize(9);
        return Combinators.combine(members, space, space, Arbitraries.of("", "", ",", "}", " x"))
                .as((list, lead, trail, junk) ->
                        lead + "{" + String.join("," + trail, withRequired(list)) + "}" + junk);
    }

    /** Every field's name, the required ones twice so that they come up (and come up twice) often. */
    private static List<String> knownNamesRequiredTwice() {
        List<String> names = new ArrayList<>();
        for (LoginField field : LoginField.values()) {
            names.add(field.jsonName());
        }
        LoginField.REQUIRED.forEach(field -> names.add(field.jsonName()));
        return names;
    }

    /** Most generated records carry both required fields, so that the fast way is taken often. */
    private static List<String> withRequired(List<String> members) {
        List<String> all = new ArrayList<>(members);
        if (members.size() % 3 != 0) {
            all.add(0, "\"user_id\":\"u-" + members.size() + "\"");
            all.add("\"timestamp\":" + (NOW / 1000 - 60));
        }
        return all;
    }

    /** A JSON string of arbitrary characters, written raw where JSON allows it, so that some need escapes. */
    private static String rawString(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            json.append(c == '"' || c == '\\' || Character.isSurrogate(c) ? "x" : String.valueOf(c));
        }
        return json.append('"').toString();
    }
}
