package com.logininsights.tools.replay;

import java.time.Instant;

/**
 * One dead letter of the job, decoded: the raw key and value of the rejected record, why it was rejected, and where
 * it came from.
 *
 * @param field the field at fault, or null when the record as a whole was
 * @param key the rejected record's key as it was written, or null
 * @param payload the rejected record's value as it was written, or null; only its first bytes when truncated
 * @param payloadTruncated the job kept only the start of a record too large to accept: it cannot be replayed
 */
record DeadLetter(
        String reason,
        String message,
        String field,
        Source source,
        Instant rejectedAt,
        byte[] key,
        byte[] payload,
        boolean payloadTruncated) {

    /** Where the rejected record was read: enough to find it again in Kafka. */
    record Source(String topic, int partition, long offset, Instant timestamp) {
        /** The name the job gives the record (the dead letter's key): {@code topic/partition/offset}. */
        String id() {
            return topic + "/" + partition + "/" + offset;
        }
    }
}
