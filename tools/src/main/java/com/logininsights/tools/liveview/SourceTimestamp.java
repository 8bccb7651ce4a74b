package com.logininsights.tools.liveview;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When the input record behind an enriched event or a dead letter arrived: its {@code source.timestamp}, read
 * without building a tree, since the view reads every enriched event.
 */
final class SourceTimestamp {
    private static final JsonFactory JSON = new JsonFactory();

    private SourceTimestamp() {}

    /** Epoch milliseconds, or empty for a record that is not the job's. */
    static Optional<Long> of(byte[] json) {
        if (json == null) {
            return Optional.empty();
        }
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (!field.equals("source") || parser.currentToken() != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String inner = parser.currentName();
                    parser.nextToken();
                    if (inner.equals("timestamp")) {
                        return of(parser.getValueAsString());
                    }
                    parser.skipChildren();
                }
                return Optional.empty();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> of(String isoInstant) {
        try {
            return isoInstant == null
                    ? Optional.empty()
                    : Optional.of(Instant.parse(isoInstant).toEpochMilli());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
