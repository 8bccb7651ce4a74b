package com.logininsights.tools.bench.measure;

import com.logininsights.tools.bench.contenders.Contender;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What one run of one contender measured. Times are wall-clock milliseconds of this machine, the same clock the
 * broker stamps appends with.
 *
 * @param inputRecords the records it read: all of the preloaded input
 * @param figures what its insights topic said, for the contenders that write one
 * @param failure why the run does not count, if it does not
 */
public record RunMeasurement(
        Contender contender,
        int run,
        long inputRecords,
        AppendTimeScan.Span output,
        long launchMillis,
        long exitMillis,
        ProcessSampler.Usage usage,
        Path log,
        Optional<WindowFigures> figures,
        Optional<String> failure) {

    /**
     * Input records per second, over the time from the first output append to the last: start-up and shutdown
     * excluded. Every contender but the SQL peer writes one output record per input record; the SQL peer writes
     * only those it accepts, so its output rate is scaled by input / output.
     */
    public double sustainedPerSecond() {
        return output.perSecond() * inputPerOutputRecord();
    }

    /** The same over the later half of the output records, when the JIT compiler is mostly done. */
    public double secondHalfPerSecond() {
        return output.secondHalfPerSecond() * inputPerOutputRecord();
    }

    private double inputPerOutputRecord() {
        return contender.writesEveryRecord() || output.records() == 0 ? 1.0 : (double) inputRecords / output.records();
    }

    /** From launching the JVM to the first output record: JVM, job and consumer-group start-up. */
    public double startupSeconds() {
        return (output.firstAppendMillis() - launchMillis) / 1000.0;
    }

    public double wholeRunSeconds() {
        return (exitMillis - launchMillis) / 1000.0;
    }

    /** CPU per input record, over the whole run: start-up and the JIT compiler's first work included. */
    public double cpuMicrosPerRecord() {
        return usage.cpuSeconds() * 1e6 / Math.max(1, inputRecords);
    }

    /**
     * CPU per input record while the later half of the output was written: the cost of a record once the program
     * runs at speed. NaN when the process's CPU readings do not cover that stretch.
     */
    public double secondHalfCpuMicrosPerRecord() {
        double inputs = output.secondHalfRecords() * inputPerOutputRecord();
        double cpuSeconds = usage.timeline().between(output.middleAppendMillis(), output.lastAppendMillis());
        return cpuSeconds * 1e6 / Math.max(1, inputs);
    }

    public boolean counts() {
        return failure.isEmpty();
    }
}
