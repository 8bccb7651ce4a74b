package com.logininsights.properties;

import com.logininsights.model.LoginField;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generated inputs: text of every kind, JSON of every shape, and login records with hostile field values. */
final class Inputs {
    /** An hour ago, in seconds: accepted whatever the wall clock's skew limit. */
    static final long EVENT_SECONDS = System.currentTimeMillis() / 1000 - 3600;

    private Inputs() {}

    /**
     * Any string: every UTF-16 unit (unpaired surrogates and control characters included), lengths from none to
     * tens of thousands, and characters outside the Basic Multilingual Plane (6 bytes each in modified UTF-8).
     */
    static Arbitrary<String> anyText() {
        Arbitrary<String> anyUnits = Arbitraries.strings().all().ofMaxLength(64);
        Arbitrary<String> emoji =
                Arbitraries.strings().withChars("🙂😀🚀".toCharArray()).ofMaxLength(40);
        Arbitrary<String> long_ = Arbitraries.strings().all().ofMinLength(1_000).ofMaxLength(12_000);
        Arbitrary<String> manyEmoji = Arbitraries.integers().between(1, 11_000).map("🙂"::repeat);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, anyUnits),
                net.jqwik.api.Tuple.of(2, emoji),
                net.jqwik.api.Tuple.of(1, long_),
                net.jqwik.api.Tuple.of(1, manyEmoji));
    }

    /** Short text of any UTF-16 units, for the structure of generated JSON. */
    static Arbitrary<String> shortText() {
        return Arbitraries.strings().all().ofMaxLength(16);
    }

    /** Any JSON text, nested up to a few levels, as a producer might send it. */
    static Arbitrary<String> anyJson() {
        return Arbitraries.recursive(Inputs::jsonScalar, Inputs::jsonContainer, 4);
    }

    private static Arbitrary<String> jsonScalar() {
        return Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-1", "1e400", "1694479551", "1.5", "\"\""),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                shortText().map(Inputs::quoted));
    }

    private static Arbitrary<String> jsonContainer(Arbitrary<String> inner) {
        Arbitrary<String> array = inner.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> member = Combinators.combine(
                        Arbitraries.oneOf(
                                Arbitraries.of(Arrays.stream(LoginField.values())
                                        .map(LoginField::jsonName)
                                        .toList()),
                                shortText()),
                        inner)
                .as((name, value) -> quoted(name) + ":" + value);
        Arbitrary<String> object = member.list().ofMaxSize(5).map(members -> "{" + String.join(",", members) + "}");
        return Arbitraries.oneOf(array, object);
    }

    /** A JSON string literal for {@code text}: escapes quotes, backslashes, controls and every surrogate. */
    static String quoted(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** The text fields of a login record ({@link LoginField}), the optional ones absent (null) at times, each with hostile text. */
    record Fields(Map<LoginField, String> values) {
        String value(LoginField field) {
            return values.get(field);
        }

        String json(String timestamp) {
            StringBuilder json = new StringBuilder("{");
            values.forEach((field, value) -> {
                if (value != null) {
                    json.append(quoted(field.jsonName()))
                            .append(':')
                            .append(quoted(value))
                            .append(',');
                }
            });
            return json.append(quoted(LoginField.TIMESTAMP.jsonName()))
                    .append(':')
                    .append(timestamp)
                    .append('}')
                    .toString();
        }
    }

    static Arbitrary<Fields> anyFields() {
        List<Arbitrary<String>> values = LoginField.TEXTS.stream()
                .map(field -> field.isRequired() ? anyText() : anyText().injectNull(0.2))
                .toList();
        return Combinators.combine(values).as(texts -> {
            Map<LoginField, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < texts.size(); i++) {
                fields.put(LoginField.TEXTS.get(i), texts.get(i));
            }
            return new Fields(fields);
        });
    }
}
