package com.logininsights.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Compares what a job wrote with its input and with a reference run, without trusting the job: every input record
 * is named by its position (partition and offset) in the input topic, and every output record carries the position
 * it came from; every insight carries its window and value in its key.
 */
final class OutputAudit {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXAMPLES = 5;

    private OutputAudit() {}

    /** What became of the input records. */
    record RecordFigures(
            long in,
            long enriched,
            long deadLetters,
            long lost,
            long duplicated,
            long unexpected,
            long unlikeReference,
            List<String> examples) {
        long out() {
            return enriched + deadLetters;
        }
    }

    /** What became of the windows. */
    record WindowFigures(
            long windows,
            long referenceWindows,
            long rows,
            long duplicatedKeys,
            long missing,
            long extra,
            long differing,
            long lateEvents,
            long referenceLateEvents,
            List<String> examples) {}

    /**
     * What became of the alerts.
     *
     * @param duplicated alerts (by their {@code id}) written more than once, counting each copy past the first
     * @param missing the reference run's alerts not among these, as a multiset: a copy the reference wrote twice
     *     counts twice
     * @param extra these alerts not among the reference run's, as a multiset: a duplicate counts here too
     */
    record AlertFigures(
            long alerts, long referenceAlerts, long duplicated, long missing, long extra, List<String> examples) {}

    /**
     * The alerts must be exactly the reference run's, as a multiset of records (key and value, byte for byte: an
     * alert has no wall-clock field), each alert once.
     */
    static AlertFigures alerts(
            List<ConsumerRecord<byte[], byte[]>> alerts, List<ConsumerRecord<byte[], byte[]>> reference) {
        List<String> examples = new ArrayList<>();
        Map<String, Integer> ids = new TreeMap<>();
        alerts.forEach(r -> ids.merge(json(r.value()).path("id").asText(), 1, Integer::sum));
        long duplicated = 0;
        for (Map.Entry<String, Integer> entry : ids.entrySet()) {
            if (entry.getValue() > 1) {
                duplicated += entry.getValue() - 1;
                example(examples, "alert written " + entry.getValue() + " times: " + entry.getKey());
            }
        }
        Map<String, Integer> ours = multiset(alerts);
        Map<String, Integer> theirs = multiset(reference);
        long missing = 0;
        for (Map.Entry<String, Integer> entry : theirs.entrySet()) {
            int shortOf = entry.getValue() - ours.getOrDefault(entry.getKey(), 0);
            if (shortOf > 0) {
                missing += shortOf;
                example(examples, "missing: " + entry.getKey());
            }
        }
        long extra = 0;
        for (Map.Entry<String, Integer> entry : ours.entrySet()) {
            int over = entry.getValue() - theirs.getOrDefault(entry.getKey(), 0);
            if (over > 0) {
                extra += over;
                example(examples, "not in the reference: " + entry.getKey());
            }
        }
        return new AlertFigures(alerts.size(), reference.size(), duplicated, missing, extra, examples);
    }

    /** Each record as "key = value", with how many times it was written. */
    private static Map<String, Integer> multiset(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Integer> times = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String key = record.key() == null ? "null" : new String(record.key(), StandardCharsets.UTF_8);
            times.merge(key + " = " + new String(record.value(), StandardCharsets.UTF_8), 1, Integer::sum);
        }
        return times;
    }

    /**
     * Every input record's position must appear exactly once across the enriched and dead-letter topics, and its
     * output must be what the reference run wrote for it (the same enriched event, or a dead letter with the same
     * reason, field and payload; only the wall-clock {@code rejected_at} may differ).
     */
    static RecordFigures records(
            List<ConsumerRecord<byte[], byte[]>> input,
            List<ConsumerRecord<byte[], byte[]>> enriched,
            List<ConsumerRecord<byte[], byte[]>> deadLetters,
            Map<String, String> reference) {
        Set<String> positions = new HashSet<>();
        input.forEach(r -> positions.add(r.partition() + "/" + r.offset()));
        Map<String, String> outputs = outputsByPosition(enriched, deadLetters);
        Map<String, Integer> times = timesByPosition(enriched, deadLetters);
        List<String> examples = new ArrayList<>();
        long lost = 0;
        for (String position : positions) {
            if (!times.containsKey(position)) {
                lost++;
                example(examples, "lost: input " + position);
            }
        }
        long duplicated = 0;
        long unexpected = 0;
        for (Map.Entry<String, Integer> entry : times.entrySet()) {
            duplicated += entry.getValue() - 1;
            if (entry.getValue() > 1) {
                example(examples, "written " + entry.getValue() + " times: input " + entry.getKey());
            }
            if (!positions.contains(entry.getKey())) {
                unexpected++;
                example(examples, "not from the input: " + entry.getKey());
            }
        }
        long unlike = 0;
        for (Map.Entry<String, String> entry : outputs.entrySet()) {
            String theirs = reference.get(entry.getKey());
            if (!entry.getValue().equals(theirs)) {
                unlike++;
                example(
                        examples,
                        "input " + entry.getKey() + " became " + entry.getValue() + ", the reference " + theirs);
            }
        }
        return new RecordFigures(
                positions.size(), enriched.size(), deadLetters.size(), lost, duplicated, unexpected, unlike, examples);
    }

    /**
     * Each input position's output, as a comparable string: the topic it went to and its JSON, without the one
     * field that depends on the wall clock.
     */
    static Map<String, String> outputsByPosition(
            List<ConsumerRecord<byte[], byte[]>> enriched, List<ConsumerRecord<byte[], byte[]>> deadLetters) {
        Map<String, String> outputs = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : enriched) {
            JsonNode value = json(record.value());
            outputs.put(position(value), "enriched " + value);
        }
        for (ConsumerRecord<byte[], byte[]> record : deadLetters) {
            ObjectNode value = (ObjectNode) json(record.value());
            value.remove("rejected_at");
            outputs.put(position(value), "dead letter " + value);
        }
        return outputs;
    }

    private static Map<String, Integer> timesByPosition(
            List<ConsumerRecord<byte[], byte[]>> enriched, List<ConsumerRecord<byte[], byte[]>> deadLetters) {
        Map<String, Integer> times = new HashMap<>();
        for (List<ConsumerRecord<byte[], byte[]>> topic : List.of(enriched, deadLetters)) {
            topic.forEach(r -> times.merge(position(json(r.value())), 1, Integer::sum));
        }
        return times;
    }

    /**
     * Every insights key (a window's summary, a window's row per dimension value, a late event) exactly once, with
     * exactly the value the reference run wrote for it.
     */
    static WindowFigures windows(
            List<ConsumerRecord<byte[], byte[]>> insights, List<ConsumerRecord<byte[], byte[]>> reference) {
        Map<String, List<String>> ours = valuesByKey(insights);
        Map<String, List<String>> theirs = valuesByKey(reference);
        List<String> examples = new ArrayList<>();
        long duplicated = 0;
        for (Map.Entry<String, List<String>> entry : ours.entrySet()) {
            if (entry.getValue().size() > 1) {
                duplicated++;
                example(examples, "key written " + entry.getValue().size() + " times: " + entry.getKey());
            }
        }
        long missing = 0;
        long differing = 0;
        for (Map.Entry<String, List<String>> entry : theirs.entrySet()) {
            List<String> values = ours.get(entry.getKey());
            if (values == null) {
                missing++;
                example(examples, "missing: " + entry.getKey() + " = " + entry.getValue());
            } else if (!values.get(0).equals(entry.getValue().get(0))) {
                differing++;
                example(
                        examples,
                        "differs: " + values.get(0) + ", the reference "
                                + entry.getValue().get(0));
            }
        }
        long extra = 0;
        for (String key : ours.keySet()) {
            if (!theirs.containsKey(key)) {
                extra++;
                example(examples, "not in the reference: " + key + " = " + ours.get(key));
            }
        }
        return new WindowFigures(
                countSummaries(ours),
                countSummaries(theirs),
                insights.size(),
                duplicated,
                missing,
                extra,
                differing,
                countLateEvents(ours),
                countLateEvents(theirs),
                examples);
    }

    private static Map<String, List<String>> valuesByKey(List<ConsumerRecord<byte[], byte[]>> insights) {
        Map<String, List<String>> values = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : insights) {
            values.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(new String(record.value(), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static long countSummaries(Map<String, List<String>> insights) {
        return insights.keySet().stream().filter(k -> k.endsWith("/summary")).count();
    }

    private static long countLateEvents(Map<String, List<String>> insights) {
        return insights.keySet().stream().filter(k -> k.startsWith("late/")).count();
    }

    /** "partition/offset" of the input record an output record came from. */
    private static String position(JsonNode output) {
        JsonNode source = output.path("source");
        return source.path("partition").asInt() + "/" + source.path("offset").asLong();
    }

    private static void example(List<String> examples, String example) {
        if (examples.size() < EXAMPLES) {
            examples.add(example.length() > 400 ? example.substring(0, 400) + "..." : example);
        }
    }

    static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
