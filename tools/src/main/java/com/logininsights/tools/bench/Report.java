package com.logininsights.tools.bench;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** Everything a benchmark found, ready to be written down. */
record Report(LocalDateTime started, String command, Machine machine, String loadAtEnd, BenchConfig config,
        Preloader.Loaded loaded, List<ContenderSummary> contenders, List<LatencyRun.Outcome> latency,
        List<String> latencyFailures) {

    /** The transactional ceiling's median rate, which every contender is compared with. */
    Optional<Double> ceilingPerSecond() {
        return contenders.stream()
                .filter(s -> s.contender().equals(Contender.CEILING_TRANSACTIONS) && s.anyCounted())
                .map(s -> s.sustainedPerSecond().median())
                .findFirst();
    }

    boolean allCounted() {
        return latencyFailures.isEmpty()
                && contenders.stream().allMatch(s -> s.runs().stream().allMatch(RunMeasurement::counts));
    }
}
