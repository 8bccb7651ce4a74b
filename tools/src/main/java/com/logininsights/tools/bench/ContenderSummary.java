package com.logininsights.tools.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** A contender's runs taken together: medians and spreads over the runs that count. */
record ContenderSummary(Contender contender, List<RunMeasurement> runs) {

    List<RunMeasurement> counted() {
        return runs.stream().filter(RunMeasurement::counts).toList();
    }

    boolean anyCounted() {
        return !counted().isEmpty();
    }

    Spread sustainedPerSecond() {
        return spread(RunMeasurement::sustainedPerSecond);
    }

    Spread secondHalfPerSecond() {
        return spread(RunMeasurement::secondHalfPerSecond);
    }

    Spread startupSeconds() {
        return spread(RunMeasurement::startupSeconds);
    }

    Spread wholeRunSeconds() {
        return spread(RunMeasurement::wholeRunSeconds);
    }

    Spread cpuSeconds() {
        return spread(run -> run.usage().cpuSeconds());
    }

    Spread cpuMicrosPerRecord() {
        return spread(RunMeasurement::cpuMicrosPerRecord);
    }

    Spread secondHalfCpuMicrosPerRecord() {
        return spread(RunMeasurement::secondHalfCpuMicrosPerRecord);
    }

    Spread peakRssMb() {
        return spread(run -> run.usage().peakRssMb());
    }

    private Spread spread(ToDoubleFunction<RunMeasurement> value) {
        return Spread.of(counted().stream().map(run -> value.applyAsDouble(run)).toList());
    }
}
