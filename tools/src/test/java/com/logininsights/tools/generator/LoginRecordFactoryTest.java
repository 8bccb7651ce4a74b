package com.logininsights.tools.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class LoginRecordFactoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Jackson reads a record followed by a second value as fine unless told otherwise. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Instant START = Instant.parse("2025-01-12T03:52:56Z");
    private static final Duration JITTER = Duration.ofSeconds(2);
    private static final long MILLIS_PER_RECORD = 100; // the schedule of --rate 10
    private static final int RECORDS = 20_000;
    private static final RecordMix DEFAULT_MIX = new RecordMix(0.03, 0.04, JITTER, 10_000);
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern SSN_LIKE = Pattern.compile("\\d{3}-\\d{2}-\\d{4}");

    @Test
    void badRecordsMakeUpTheConfiguredShareAndCoverEveryMalformation() {
        Map<RecordKind, Integer> counts = countKinds(generate(42, DEFAULT_MIX, RECORDS));

        int bad = RecordKind.malformations().stream()
                .mapToInt(kind -> counts.getOrDefault(kind, 0))
                .sum();
        assertThat(bad / (double) RECORDS).isCloseTo(0.03, within(0.005));
        assertThat(counts.keySet()).containsAll(RecordKind.malformations());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.2, 0.5, 1})
    void badShareFollowsTheSetting(double badShare) {
        List<GeneratedRecord> records = generate(3, new RecordMix(badShare, 0.04, JITTER, 10_000), RECORDS);

        long bad =
                records.stream().filter(record -> record.kind().isMalformed()).count();
        assertThat(bad / (double) RECORDS).isCloseTo(badShare, within(0.015));
    }

    @Test
    void missingFieldsMakeUpTheConfiguredShareAndDeviceTypeIsMissingMostOften() throws IOException {
        List<GeneratedRecord> records = generate(42, DEFAULT_MIX, RECORDS);
        List<GeneratedRecord> accepted =
                records.stream().filter(record -> !record.kind().isMalformed()).toList();
        Map<String, Integer> missingByField = new HashMap<>();
        for (GeneratedRecord record : accepted) {
            if (record.kind() == RecordKind.VALID_MISSING_FIELD) {
                missingByField.merge(missingOptionalField(record), 1, Integer::sum);
            }
        }

        int missing =
                missingByField.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(missing / (double) accepted.size()).isCloseTo(0.04, within(0.006));
        String mostOften = missingByField.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
        assertThat(mostOften).isEqualTo("device_type");
        assertThat(missingByField.keySet()).contains("app_version", "ip", "locale", "device_id");
    }

    @Test
    void theSameSeedGivesTheSameBytes() {
        List<GeneratedRecord> first = generate(7, DEFAULT_MIX, 3_000);
        List<GeneratedRecord> second = generate(7, DEFAULT_MIX, 3_000);

        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).kind()).isEqualTo(first.get(i).kind());
            assertThat(second.get(i).value())
                    .as("record %d", i)
                    .isEqualTo(first.get(i).value());
        }
    }

    @Test
    void differentSeedsGiveDifferentRecords() {
        List<GeneratedRecord> first = generate(7, DEFAULT_MIX, 100);
        List<GeneratedRecord> second = generate(8, DEFAULT_MIX, 100);

        int same = 0;
        for (int i = 0; i < first.size(); i++) {
            same += Arrays.equals(first.get(i).value(), second.get(i).value()) ? 1 : 0;
        }
        assertThat(same).isZero();
    }

    @Test
    void validRecordsLookLikeTheUpstreamOnes() throws IOException {
        List<GeneratedRecord> records = generate(11, DEFAULT_MIX, RECORDS);
        long lowest = START.minus(JITTER).getEpochSecond();
        long now = Instant.now().getEpochSecond();
        int asString = 0;
        int valid = 0;
        for (int i = 0; i < records.size(); i++) {
            GeneratedRecord record = records.get(i);
            if (record.kind() != RecordKind.VALID) {
                continue;
            }
            valid++;
            JsonNode json = JSON.readTree(record.value());
            assertThat(json.isObject()).isTrue();
            assertThat(fieldNames(json)).containsExactlyInAnyOrderElementsOf(LoginRecordFactory.UPSTREAM_ORDER);

            String userId = json.get("user_id").textValue();
            assertThat(userId).hasSize(36);
            assertThat(UUID.fromString(userId).toString()).isEqualTo(userId);
            assertThat(json.get("device_type").textValue()).isIn("android", "iOS");
            assertThat(json.get("app_version").textValue()).matches("\\d+\\.\\d+\\.\\d+");
            assertThat(json.get("locale").textValue()).matches("[A-Z]{2}");
            assertThat(json.get("ip").textValue()).matches(IPV4).satisfies(ip -> {
                for (String octet : ip.split("\\.")) {
                    assertThat(Integer.parseInt(octet)).isBetween(0, 255);
                }
            });
            String deviceId = json.get("device_id").textValue();
            assertThat(isUuid(deviceId) || SSN_LIKE.matcher(deviceId).matches())
                    .as(deviceId)
                    .isTrue();

            JsonNode timestamp = json.get("timestamp");
            assertThat(timestamp.isIntegralNumber() || timestamp.isTextual()).isTrue();
            if (timestamp.isTextual()) {
                asString++;
                assertThat(timestamp.textValue()).matches("\\d+");
            }
            long seconds = Long.parseLong(timestamp.asText());
            long scheduled = START.toEpochMilli() + i * MILLIS_PER_RECORD;
            assertThat(seconds).isBetween(lowest, now);
            assertThat(seconds).isBetween(Math.floorDiv(scheduled - JITTER.toMillis(), 1000), scheduled / 1000);
        }
        assertThat(asString / (double) valid).isCloseTo(0.5, within(0.03));
    }

    @Test
    void everyRecordGetsTheOutcomeItsKindPromises() {
        for (GeneratedRecord record : generate(5, new RecordMix(0.5, 0.1, JITTER, 10_000), RECORDS)) {
            assertThat(ExpectedOutcome.reasonFor(record.value()))
                    .as("%s: %s", record.kind(), preview(record.value()))
                    .isEqualTo(record.kind().deadLetterReason());
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = RecordKind.class,
            names = {"VALID", "VALID_MISSING_FIELD", "INCIDENT"},
            mode = EnumSource.Mode.EXCLUDE)
    void eachMalformationIsMalformedInItsStatedWay(RecordKind kind) throws IOException {
        List<GeneratedRecord> samples = generate(9, new RecordMix(1, 0, JITTER, 10_000), 5_000).stream()
                .filter(record -> record.kind() == kind)
                .toList();
        assertThat(samples).hasSizeGreaterThan(100);

        for (GeneratedRecord record : samples) {
            byte[] value = record.value();
            String text = new String(value, StandardCharsets.UTF_8);
            switch (kind) {
                case EMPTY -> assertThat(value).isEmpty();
                case NOT_UTF8 -> {
                    assertThat(ExpectedOutcome.isStrictUtf8(value)).isFalse();
                    assertThat(value[0]).isEqualTo((byte) '{');
                    assertThat(value[value.length - 1]).isEqualTo((byte) '}');
                }
                case NOT_JSON -> {
                    assertThat(ExpectedOutcome.isStrictUtf8(value)).isTrue();
                    assertThatThrownBy(() -> readStrictly(value)).isInstanceOf(IOException.class);
                }
                case NOT_OBJECT ->
                    assertThat(readStrictly(value).isObject()).as(text).isFalse();
                case DUPLICATE_FIELD -> {
                    List<String> repeated = new ArrayList<>(topLevelNames(value));
                    new HashSet<>(repeated).forEach(repeated::remove);
                    assertThat(repeated).as(text).hasSize(1);
                    assertThat(repeated.get(0)).as("a field the job reads").isIn(ExpectedOutcome.KNOWN_FIELDS);
                }
                case MISSING_USER_ID -> {
                    JsonNode userId = readStrictly(value).get("user_id");
                    assertThat(userId == null
                                    || userId.isNull()
                                    || userId.asText().isBlank())
                            .as(text)
                            .isTrue();
                }
                case MISSING_TIMESTAMP -> {
                    JsonNode timestamp = readStrictly(value).get("timestamp");
                    assertThat(timestamp == null || timestamp.isNull()).as(text).isTrue();
                }
                case WRONG_TYPE ->
                    assertThat(ExpectedOutcome.reasonFor(value)).as(text).isEqualTo("wrong_type");
                case BAD_TIMESTAMP -> {
                    JsonNode timestamp = readStrictly(value).get("timestamp");
                    assertThat(timestamp.asText().matches("[1-9]\\d*")).as(text).isFalse();
                }
                case FUTURE_TIMESTAMP -> {
                    long stamp =
                            Long.parseLong(readStrictly(value).get("timestamp").asText());
                    long seconds = stamp >= 100_000_000_000L ? stamp / 1000 : stamp;
                    assertThat(Instant.ofEpochSecond(seconds)).isAfterOrEqualTo(Instant.parse("2100-01-01T00:00:00Z"));
                }
                case TOO_LARGE -> {
                    assertThat(value.length).isGreaterThan(200 * 1024);
                    assertThat(readStrictly(value).isObject()).isTrue();
                }
                default -> throw new AssertionError("not a malformation: " + kind);
            }
            assertThat(ExpectedOutcome.reasonFor(value)).as(preview(value)).isEqualTo(kind.deadLetterReason());
        }
    }

    @Test
    void usersComeFromABoundedPool() throws IOException {
        Set<String> users = new HashSet<>();
        for (GeneratedRecord record : generate(13, new RecordMix(0, 0, JITTER, 100), 5_000)) {
            users.add(JSON.readTree(record.value()).get("user_id").textValue());
        }
        assertThat(users).hasSizeBetween(90, 100);
    }

    @Test
    void theBackgroundNeverUsesAWatchedLocaleOrAnOutdatedVersion() throws IOException {
        RecordMix mix = new RecordMix(
                0, 0.04, JITTER, 10_000, List.of("RU", "CN", "CA"), Optional.of(AppVersion.parse("2.2.1")));
        Set<String> locales = new HashSet<>();
        Set<String> versions = new HashSet<>();
        for (GeneratedRecord record : generate(29, mix, RECORDS)) {
            JsonNode json = JSON.readTree(record.value());
            if (json.hasNonNull("locale")) {
                locales.add(json.get("locale").asText());
            }
            if (json.hasNonNull("app_version")) {
                versions.add(json.get("app_version").asText());
            }
        }
        assertThat(locales).doesNotContain("RU", "CN", "CA").contains("TX", "GB", "JP");
        assertThat(versions).containsExactlyInAnyOrder("2.2.1", "2.3.0", "2.4.0", "3.0.0");
    }

    @Test
    void fieldOrderVariesButUpstreamOrderIsTheMostCommon() throws IOException {
        Map<List<String>, Integer> orders = new HashMap<>();
        for (GeneratedRecord record : generate(17, new RecordMix(0, 0, JITTER, 10_000), 2_000)) {
            orders.merge(fieldNames(JSON.readTree(record.value())), 1, Integer::sum);
        }
        assertThat(orders.size()).isGreaterThan(10);
        assertThat(orders.entrySet().stream()
                        .max(Map.Entry.comparingByValue())
                        .orElseThrow()
                        .getKey())
                .isEqualTo(LoginRecordFactory.UPSTREAM_ORDER);
    }

    @Test
    void jitterPutsEventsOutOfOrderAndNoJitterKeepsThemInOrder() throws IOException {
        assertThat(countOutOfOrder(generate(19, new RecordMix(0, 0, JITTER, 10_000), 2_000)))
                .isPositive();
        assertThat(countOutOfOrder(generate(19, new RecordMix(0, 0, Duration.ZERO, 10_000), 2_000)))
                .isZero();
    }

    @Test
    void recordsAreSpacedLikeUpstreamJson() {
        String text = new String(
                generate(23, new RecordMix(0, 0, JITTER, 10), 1).get(0).value(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"").contains("\": ").contains(", \"").doesNotContain("\n");
    }

    @Test
    void aMixOutsideItsRangeIsRefused() {
        assertThatThrownBy(() -> new RecordMix(1.5, 0, JITTER, 10)).hasMessageContaining("badShare");
        assertThatThrownBy(() -> new RecordMix(0, -0.1, JITTER, 10)).hasMessageContaining("missingShare");
        assertThatThrownBy(() -> new RecordMix(0, 0, JITTER, 0)).hasMessageContaining("userPoolSize");
    }

    static List<GeneratedRecord> generate(long seed, RecordMix mix, int count) {
        LoginRecordFactory factory = new LoginRecordFactory(seed, START, mix);
        List<GeneratedRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(factory.next(i * MILLIS_PER_RECORD));
        }
        return records;
    }

    private static Map<RecordKind, Integer> countKinds(List<GeneratedRecord> records) {
        Map<RecordKind, Integer> counts = new EnumMap<>(RecordKind.class);
        records.forEach(record -> counts.merge(record.kind(), 1, Integer::sum));
        return counts;
    }

    /** The one optional field that is absent or null. */
    private static String missingOptionalField(GeneratedRecord record) throws IOException {
        JsonNode json = JSON.readTree(record.value());
        List<String> missing = new ArrayList<>();
        for (String field : List.of("app_version", "device_type", "ip", "locale", "device_id")) {
            if (json.get(field) == null || json.get(field).isNull()) {
                missing.add(field);
            }
        }
        assertThat(missing).as(preview(record.value())).hasSize(1);
        assertThat(json.get("user_id").isTextual()).isTrue();
        assertThat(json.get("timestamp")).isNotNull();
        return missing.get(0);
    }

    private static int countOutOfOrder(List<GeneratedRecord> records) throws IOException {
        int outOfOrder = 0;
        long latest = Long.MIN_VALUE;
        for (GeneratedRecord record : records) {
            long seconds = Long.parseLong(
                    JSON.readTree(record.value()).get("timestamp").asText());
            outOfOrder += seconds < latest ? 1 : 0;
            latest = Math.max(latest, seconds);
        }
        return outOfOrder;
    }

    private static JsonNode readStrictly(byte[] value) throws IOException {
        return STRICT.readTree(value);
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static List<String> topLevelNames(byte[] value) throws IOException {
        List<String> names = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(value)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                names.add(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
        }
        return names;
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String preview(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
