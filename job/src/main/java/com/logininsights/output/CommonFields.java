package com.logininsights.output;

import com.logininsights.model.SourcePosition;
import com.logininsights.parse.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Fields that several outputs share, written the same way in each. */
final class CommonFields {
    private CommonFields() {}

    /** Where the input record was read: {@code "source": {topic, partition, offset, timestamp}}. */
    static void source(JsonWriter json, SourcePosition source) {
        json.beginObject("source");
        json.string("topic", source.topic());
        json.number("partition", source.partition());
        json.number("offset", source.offset());
        json.time("timestamp", source.kafkaTimestampMillis());
        json.endNested();
    }

    static void window(JsonWriter json, long startMillis, long endMillis) {
        json.time("window_start", startMillis);
        json.time("window_end", endMillis);
    }

    /** Bytes as text when they are UTF-8, else as base64; {@code <name>_encoding} says which. */
    static void bytes(JsonWriter json, String name, byte[] bytes) {
        if (bytes == null) {
            json.nullValue(name);
            json.nullValue(name + "_encoding");
        } else if (Utf8.isValid(bytes)) {
            json.string(name, new String(bytes, StandardCharsets.UTF_8));
            json.string(name + "_encoding", "utf8");
        } else {
            json.string(name, Base64.getEncoder().encodeToString(bytes));
            json.string(name + "_encoding", "base64");
        }
    }
}
