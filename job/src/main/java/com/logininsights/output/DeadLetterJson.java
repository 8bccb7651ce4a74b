package com.logininsights.output;

import com.logininsights.model.DeadLetter;

/** {@code user-login-dlq}: why a record was rejected, its raw bytes and key, and where it was read. */
public final class DeadLetterJson implements JsonRenderer<DeadLetter> {

    @Override
    public byte[] render(DeadLetter letter, JsonWriter json) {
        json.beginObject();
        json.string("reason", letter.reason().code());
        json.string("message", letter.message());
        json.string("field", letter.field());
        CommonFields.bytes(json, "payload", letter.payload());
        json.number("payload_size", letter.payloadSize());
        json.bool("payload_truncated", letter.payloadTruncated());
        CommonFields.bytes(json, "key", letter.key());
        CommonFields.source(json, letter.source());
        json.time("rejected_at", letter.rejectedAtMillis());
        return json.endObject();
    }
}
