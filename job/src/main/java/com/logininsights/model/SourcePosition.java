package com.logininsights.model;

/** Where a record was read from: enough to find it again in Kafka. */
public record SourcePosition(String topic, int partition, long offset, long kafkaTimestampMillis) {

    /** A stable, unique name for the record; the dead-letter and late-event keys use it. */
    public String id() {
        return topic + "/" + partition + "/" + offset;
    }
}
