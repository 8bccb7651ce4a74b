package com.logininsights.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonWriterTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "plain",
                "quote \" and backslash \\",
                "new\nline\ttab\rreturn\bback\fform",
                "control \u0000 \u0001 \u001f",
                "delete \u007f",
                "Ωmega ä",
                "CJK 漢字",
                "emoji 😀 pair",
                "lone high \ud800 end",
                "lone low \udc00",
                "reversed \udc00\ud800",
                "ends high \ud83d"
            })
    void everyStringReadsBackAsItWasWritten(String text) throws IOException {
        byte[] bytes = object(json -> json.string("s", text));

        assertThat(strictUtf8(bytes)).as("output is valid UTF-8").isTrue();
        assertThat(JACKSON.readTree(bytes).get("s").textValue()).isEqualTo(text);
    }

    @Test
    void controlCharactersAndUnpairedSurrogatesAreEscaped() {
        byte[] bytes = object(json -> json.string("s", "a\u0001b\ud800"));

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"s\":\"a\\u0001b\\ud800\"}");
    }

    @Test
    void timestampsMatchInstantToStringFromTheEpochToYear9999() {
        Random random = new Random(42);
        long lastFourDigitYear = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        long[] edges = {
            0,
            999,
            1000,
            86_399_999,
            86_400_000,
            951_782_400_000L /* 2000-02-29 */,
            1_694_479_551_000L,
            1_694_479_551_007L,
            4_107_542_400_000L /* 2100-03-01 */,
            lastFourDigitYear
        };
        for (long millis : edges) {
            assertTimeWrittenAsInstantDoes(millis);
        }
        for (int i = 0; i < 100_000; i++) {
            long millis = Math.floorMod(random.nextLong(), lastFourDigitYear + 1);
            assertTimeWrittenAsInstantDoes(i % 2 == 0 ? millis : millis / 1000 * 1000);
        }
    }

    @Test
    void oneWriterKeepsTimestampsRightAcrossRecordsInTheSameAndInOtherSeconds() {
        JsonWriter json = new JsonWriter();
        Random random = new Random(7);
        long millis = 1_694_479_551_000L;
        for (int i = 0; i < 10_000; i++) {
            millis += random.nextInt(4) == 0 ? random.nextInt(5_000) : random.nextInt(3);
            long a = millis;
            long b = random.nextBoolean() ? millis + 1 : Math.floorMod(random.nextLong(), 253_402_300_800_000L);
            byte[] bytes = write(json, w -> {
                w.time("a", a);
                w.time("b", b);
            });
            assertThat(new String(bytes, StandardCharsets.UTF_8))
                    .isEqualTo("{\"a\":\"" + Instant.ofEpochMilli(a) + "\",\"b\":\"" + Instant.ofEpochMilli(b) + "\"}");
        }
    }

    @Test
    void timestampsOutsideFourDigitYearsFallBackToInstant() {
        assertTimeWrittenAsInstantDoes(-1);
        assertTimeWrittenAsInstantDoes(-62_167_219_200_001L);
        assertTimeWrittenAsInstantDoes(Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void numbersAsJavaWritesThem() throws IOException {
        long[] longs = {
            0,
            7,
            -7,
            9,
            10,
            99,
            100,
            999_999_999_999_999_999L,
            1_000_000_000_000_000_000L,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            Long.MIN_VALUE + 1
        };
        for (long value : longs) {
            byte[] bytes = object(json -> json.number("n", value));
            assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"n\":" + value + "}");
        }
        byte[] doubles = object(json -> {
            json.number("share", 0.1234);
            json.number("nan", Double.NaN);
        });
        JsonNode tree = JACKSON.readTree(doubles);
        assertThat(tree.get("share").doubleValue()).isEqualTo(0.1234);
        assertThat(tree.get("nan").isNull()).isTrue();
    }

    @Test
    void nestedObjectsAndArraysAreSeparatedCorrectly() throws IOException {
        JsonWriter json = new JsonWriter().beginObject();
        json.beginArray("empty");
        json.endArray();
        json.beginArray("names");
        json.arrayString("a");
        json.arrayString(null);
        json.endArray();
        json.beginArray("rows");
        json.beginObjectInArray();
        json.number("x", 1);
        json.endNested();
        json.beginObjectInArray();
        json.endNested();
        json.endArray();
        json.beginObject("inner");
        json.bool("yes", true);
        json.nullValue("nothing");
        json.endNested();
        json.string("last", "z");

        assertThat(new String(json.endObject(), StandardCharsets.UTF_8))
                .isEqualTo("{\"empty\":[],\"names\":[\"a\",null],\"rows\":[{\"x\":1},{}],"
                        + "\"inner\":{\"yes\":true,\"nothing\":null},\"last\":\"z\"}");
    }

    @Test
    void aWriterStartsAfreshForEachObjectAndGrowsForLargeStrings() throws IOException {
        JsonWriter json = new JsonWriter();
        String large = "x".repeat(300_000);
        byte[] first = write(json, w -> w.string("big", large));
        byte[] second = write(json, w -> w.string("small", "y"));

        assertThat(JACKSON.readTree(first).get("big").textValue()).isEqualTo(large);
        assertThat(new String(second, StandardCharsets.UTF_8)).isEqualTo("{\"small\":\"y\"}");
    }

    private static void assertTimeWrittenAsInstantDoes(long millis) {
        byte[] bytes = object(json -> json.time("t", millis));
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .as("epoch millis %d", millis)
                .isEqualTo("{\"t\":\"" + Instant.ofEpochMilli(millis) + "\"}");
    }

    private static byte[] object(Consumer<JsonWriter> body) {
        return write(new JsonWriter(), body);
    }

    private static byte[] write(JsonWriter json, Consumer<JsonWriter> body) {
        body.accept(json.beginObject());
        return json.endObject();
    }

    private static boolean strictUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
