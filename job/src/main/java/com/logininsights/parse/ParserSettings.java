package com.logininsights.parse;

import com.logininsights.config.JobConfig;
import java.io.Serializable;

/**
 * The limits the parser enforces.
 *
 * @param maxRecordBytes a larger record value is rejected as {@code too_large} before it is parsed
 * @param maxFutureSkewMillis an event stamped further than this ahead of the wall clock is rejected as
 *     {@code timestamp_in_future}, so that it can never drag the watermark into the future
 */
public record ParserSettings(int maxRecordBytes, long maxFutureSkewMillis) implements Serializable {

    public static ParserSettings of(JobConfig config) {
        return new ParserSettings(
                config.maxRecordBytes(), config.maxFutureSkew().toMillis());
    }

    /** How much of a too-large record the dead letter keeps: enough to recognise it, small enough to publish. */
    public static final int TRUNCATED_PAYLOAD_BYTES = 1024;
}
