package com.logininsights.model;

/**
 * A record the job could not accept, with everything needed to understand and replay it.
 *
 * @param field the field at fault, or null when the record as a whole is at fault
 * @param payload the raw value bytes; only the first bytes of a too-large record (see {@link #payloadTruncated()})
 * @param payloadSize the size of the original value in bytes
 * @param key the raw key bytes, or null
 */
public record DeadLetter(
        RejectReason reason,
        String message,
        String field,
        byte[] payload,
        int payloadSize,
        byte[] key,
        SourcePosition source,
        long rejectedAtMillis) {

    public boolean payloadTruncated() {
        return payload != null && payload.length < payloadSize;
    }
}
