package com.logininsights.tools.bench.report;

import com.logininsights.tools.bench.contenders.Contender;
import com.logininsights.tools.bench.measure.BenchConfig;
import com.logininsights.tools.bench.measure.LatencyRun;
import com.logininsights.tools.bench.measure.Preloader;
import com.logininsights.tools.bench.measure.RunMeasurement;
import com.logininsights.tools.machine.Machine;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Everything a benchmark found, ready to be written down.
 *
 * @param launch what ran: the job jars and their JVM options, the SQL peer's jar, the Kafka settings
 */
public record Report(
        LocalDateTime started,
        String command,
        Machine machine,
        String loadAtEnd,
        BenchConfig config,
        Contender.Launch launch,
        Path repository,
        Preloader.Loaded loaded,
        List<ContenderSummary> contenders,
        List<LatencyRun.Outcome> latency,
        List<String> latencyFailures) {

    /** The median rates of the transactional ceiling, which every contender is compared with. */
    Optional<ContenderSummary> ceiling() {
        return counted(Contender.CEILING_TRANSACTIONS);
    }

    /** The median rates of the hand-written loop, which login-insights must not fall behind. */
    Optional<ContenderSummary> handLoop() {
        return counted(Contender.HAND_LOOP);
    }

    private Optional<ContenderSummary> counted(Contender contender) {
        return contenders.stream()
                .filter(s -> s.contender().equals(contender) && s.anyCounted())
                .findFirst();
    }

    public boolean allCounted() {
        return latencyFailures.isEmpty()
                && contenders.stream().allMatch(s -> s.runs().stream().allMatch(RunMeasurement::counts));
    }
}
