package com.logininsights.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads the job's output records back as JSON. */
public final class Outputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Outputs() {}

    public static List<JsonNode> values(List<ConsumerRecord<byte[], byte[]>> records) {
        List<JsonNode> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            values.add(json(record.value()));
        }
        return values;
    }

    public static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "partition/offset" of the input record an output record came from. */
    public static String sourcePosition(JsonNode record) {
        JsonNode source = record.get("source");
        return source.get("partition").asInt() + "/" + source.get("offset").asLong();
    }

    /** How many times each Kafka key occurs. */
    public static Map<String, Integer> keyCounts(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Integer> counts = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            counts.merge(new String(record.key(), StandardCharsets.UTF_8), 1, Integer::sum);
        }
        return counts;
    }
}
