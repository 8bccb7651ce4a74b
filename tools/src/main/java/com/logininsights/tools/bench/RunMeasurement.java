package com.logininsights.tools.bench;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What one run of one contender measured. Times are wall-clock milliseconds of this machine, the same clock the
 * broker stamps appends with.
 *
 * @param failure why the run does not count, if it does not
 */
record RunMeasurement(
        Contender contender,
        int run,
        long expectedRecords,
        AppendTimeScan.Span output,
        long launchMillis,
        long exitMillis,
        ProcessSampler.Usage usage,
        Path log,
        Optional<String> failure) {

    /** Output records per second from the first output append to the last: start-up and shutdown excluded. */
    double sustainedPerSecond() {
        return output.perSecond();
    }

    /** The same over the later half of the output records, when the JIT compiler is mostly done. */
    double secondHalfPerSecond() {
        return output.secondHalfPerSecond();
    }

    /** From launching the JVM to the first output record: JVM, job and consumer-group start-up. */
    double startupSeconds() {
        return (output.firstAppendMillis() - launchMillis) / 1000.0;
    }

    double wholeRunSeconds() {
        return (exitMillis - launchMillis) / 1000.0;
    }

    double cpuMicrosPerRecord() {
        return usage.cpuSeconds() * 1e6 / Math.max(1, output.records());
    }

    boolean counts() {
        return failure.isEmpty();
    }
}
