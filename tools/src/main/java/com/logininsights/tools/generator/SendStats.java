package com.logininsights.tools.generator;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what was sent, by kind, and what the broker acknowledged or refused. Updated from the sending thread and
 * the producer's callback thread, read by the progress reporter.
 */
final class SendStats {
    private final Map<RecordKind, LongAdder> sentByKind = new EnumMap<>(RecordKind.class);
    private final LongAdder sentBytes = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final Map<String, LongAdder> failuresByCause = new ConcurrentHashMap<>();
    private final Map<String, String> firstMessageByCause = new ConcurrentHashMap<>();

    SendStats() {
        for (RecordKind kind : RecordKind.values()) {
            sentByKind.put(kind, new LongAdder());
        }
    }

    void sent(GeneratedRecord record) {
        sentByKind.get(record.kind()).increment();
        sentBytes.add(record.value().length);
    }

    void acknowledged() {
        acknowledged.increment();
    }

    /** Counted by the exception's class: one line per cause in the summary, with its first message as example. */
    void failed(Exception cause) {
        String name = cause.getClass().getSimpleName();
        firstMessageByCause.putIfAbsent(name, String.valueOf(cause.getMessage()));
        failuresByCause.computeIfAbsent(name, key -> new LongAdder()).increment();
    }

    Snapshot snapshot() {
        Map<RecordKind, Long> byKind = new EnumMap<>(RecordKind.class);
        long sent = 0;
        for (Map.Entry<RecordKind, LongAdder> entry : sentByKind.entrySet()) {
            long count = entry.getValue().sum();
            byKind.put(entry.getKey(), count);
            sent += count;
        }
        Map<String, Long> failures = new TreeMap<>();
        failuresByCause.forEach(
                (cause, count) -> failures.put(cause + ", the first: " + firstMessageByCause.get(cause), count.sum()));
        return new Snapshot(sent, sentBytes.sum(), acknowledged.sum(), failures, byKind);
    }

    record Snapshot(
            long sent,
            long bytes,
            long acknowledged,
            Map<String, Long> failuresByCause,
            Map<RecordKind, Long> sentByKind) {
        long failed() {
            return failuresByCause.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Non-zero kinds only, named by their dead-letter reason (valid kinds by their own name). */
        String kinds() {
            StringBuilder text = new StringBuilder();
            sentByKind.forEach((kind, count) -> {
                if (count > 0) {
                    text.append(text.length() == 0 ? "" : " ")
                            .append(label(kind))
                            .append('=')
                            .append(count);
                }
            });
            return text.toString();
        }

        private static String label(RecordKind kind) {
            return kind.isMalformed() ? kind.deadLetterReason() : kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
