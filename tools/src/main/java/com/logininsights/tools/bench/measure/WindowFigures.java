package com.logininsights.tools.bench.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a contender's insights topic says: per window, the logins and distinct users of each device type and each
 * locale. Reads login-insights' dimension rows and the Flink SQL peer's rows alike: both carry {@code window_start},
 * {@code dimension}, {@code value}, {@code logins} and {@code distinct_users}; other rows (summaries, late events,
 * other dimensions) are passed over.
 */
public record WindowFigures(Map<Key, Counts> figures) {
    static final Set<String> DIMENSIONS = Set.of("device_type", "locale");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(2);

    /** One value of one dimension in one window. */
    public record Key(Instant windowStart, String dimension, String value) {}

    public record Counts(long logins, long distinctUsers) {}

    /** Reads the whole topic as a {@code read_committed} reader; a later revision of a row replaces an earlier one. */
    static WindowFigures read(String bootstrapServers, BenchAdmin admin, String topic) throws IOException {
        List<TopicPartition> partitions = admin.partitions(List.of(topic));
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                AppendTimeScan.properties(bootstrapServers),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
            while (!end.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("reading " + topic + " took over " + GIVE_UP_AFTER);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                end.entrySet().removeIf(entry -> consumer.position(entry.getKey()) >= entry.getValue());
            }
        }
        return parse(values);
    }

    /** The figures in these insight records, in the order written. */
    public static WindowFigures parse(Collection<byte[]> values) throws IOException {
        Map<Key, Counts> figures = new LinkedHashMap<>();
        Map<Key, Long> revisions = new HashMap<>();
        for (byte[] value : values) {
            if (value == null) {
                continue;
            }
            JsonNode row = JSON.readTree(value);
            String dimension = row.path("dimension").asText();
            if (!DIMENSIONS.contains(dimension) || !row.path("logins").isIntegralNumber()) {
                continue;
            }
            Key key = new Key(
                    windowStart(row.path("window_start").asText()),
                    dimension,
                    row.path("value").asText());
            long revision = row.path("revision").asLong(0);
            if (revision >= revisions.getOrDefault(key, Long.MIN_VALUE)) {
                revisions.put(key, revision);
                figures.put(
                        key,
                        new Counts(
                                row.path("logins").asLong(),
                                row.path("distinct_users").asLong()));
            }
        }
        return new WindowFigures(Map.copyOf(figures));
    }

    /** {@code 2026-11-29T21:33:00Z} (login-insights) or {@code 2026-11-29T21:33:00} in UTC (the SQL peer). */
    private static Instant windowStart(String text) throws IOException {
        try {
            return text.endsWith("Z")
                    ? Instant.parse(text)
                    : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IOException("window_start '" + text + "' is not a time", e);
        }
    }

    /** Logins per window: the sum over its device types, which every login has one of (unknown included). */
    public SortedMap<Instant, Long> loginsPerWindow() {
        SortedMap<Instant, Long> perWindow = new TreeMap<>();
        figures.forEach((key, counts) -> {
            if (key.dimension().equals("device_type")) {
                perWindow.merge(key.windowStart(), counts.logins(), Long::sum);
            }
        });
        return perWindow;
    }

    /** Logins per window and value of each dimension. */
    public Map<Key, Long> logins() {
        Map<Key, Long> logins = new HashMap<>();
        figures.forEach((key, counts) -> logins.put(key, counts.logins()));
        return logins;
    }
}
