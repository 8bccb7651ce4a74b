package com.logininsights.tools.generator;

import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Formats the periodic progress line and the final summary from {@link SendStats}. */
final class ProgressReporter {
    private static final Logger LOG = LoggerFactory.getLogger(LoginEventGenerator.class);

    private final SendStats stats;
    private final LongSupplier elapsedNanos;
    private long lastSent;
    private long lastNanos;

    ProgressReporter(SendStats stats, LongSupplier elapsedNanos) {
        this.stats = stats;
        this.elapsedNanos = elapsedNanos;
    }

    /** Called from one scheduler thread only. */
    void reportProgress() {
        SendStats.Snapshot now = stats.snapshot();
        long nanos = elapsedNanos.getAsLong();
        double current = perSecond(now.sent() - lastSent, nanos - lastNanos);
        lastSent = now.sent();
        lastNanos = nanos;
        LOG.info(String.format(
                "sent %d (%.1f/s now, %.1f/s avg), delivered %d, failed %d | %s",
                now.sent(), current, perSecond(now.sent(), nanos), now.acknowledged(), now.failed(), now.kinds()));
    }

    /** @param sendingNanos how long the sending lasted, without the final flush */
    void reportSummary(long sendingNanos) {
        SendStats.Snapshot end = stats.snapshot();
        LOG.info(String.format(
                "done: sent %d records (%.1f MiB) in %.1f s, %.1f/s; delivered %d, failed %d",
                end.sent(),
                end.bytes() / (1024.0 * 1024.0),
                sendingNanos / 1e9,
                perSecond(end.sent(), sendingNanos),
                end.acknowledged(),
                end.failed()));
        LOG.info("by kind: {}", end.kinds().isEmpty() ? "nothing sent" : end.kinds());
        for (Map.Entry<String, Long> failure : end.failuresByCause().entrySet()) {
            LOG.warn("failed sends: {} x {}", failure.getValue(), failure.getKey());
        }
        long unaccounted = end.sent() - end.acknowledged() - end.failed();
        if (unaccounted != 0) {
            LOG.warn(
                    "{} record(s) neither delivered nor failed: the producer was closed before they settled",
                    unaccounted);
        }
    }

    private static double perSecond(long count, long nanos) {
        return nanos <= 0 ? 0 : count * 1e9 / nanos;
    }
}
