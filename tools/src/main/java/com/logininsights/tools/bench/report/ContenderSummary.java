package com.logininsights.tools.bench.report;

import com.logininsights.tools.bench.contenders.Contender;
import com.logininsights.tools.bench.measure.RunMeasurement;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** A contender's runs taken together: medians and spreads over the runs that count. */
public record ContenderSummary(Contender contender, List<RunMeasurement> runs) {

    List<RunMeasurement> counted() {
        return runs.stream().filter(RunMeasurement::counts).toList();
    }

    boolean anyCounted() {
        return !counted().isEmpty();
    }

    RunSpread sustainedPerSecond() {
        return spread(RunMeasurement::sustainedPerSecond);
    }

    RunSpread secondHalfPerSecond() {
        return spread(RunMeasurement::secondHalfPerSecond);
    }

    RunSpread startupSeconds() {
        return spread(RunMeasurement::startupSeconds);
    }

    RunSpread wholeRunSeconds() {
        return spread(RunMeasurement::wholeRunSeconds);
    }

    RunSpread cpuSeconds() {
        return spread(run -> run.usage().cpuSeconds());
    }

    RunSpread cpuMicrosPerRecord() {
        return spread(RunMeasurement::cpuMicrosPerRecord);
    }

    RunSpread secondHalfCpuMicrosPerRecord() {
        return spread(RunMeasurement::secondHalfCpuMicrosPerRecord);
    }

    RunSpread peakRssMb() {
        return spread(run -> run.usage().peakRssMb());
    }

    private RunSpread spread(ToDoubleFunction<RunMeasurement> value) {
        return RunSpread.of(
                counted().stream().map(run -> value.applyAsDouble(run)).toList());
    }
}
