package com.logininsights.tools.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.logininsights.tools.bench.contenders.Contender;
import com.logininsights.tools.bench.measure.AppendTimeScan.Span;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchCpuTimelineTest {
    private final CpuTimeline timeline =
            new CpuTimeline(new long[] {1_000, 2_000, 3_000}, new double[] {0.0, 1.0, 3.0});

    @Test
    void cpuBetweenTwoTimesIsReadBetweenTheReadingsAroundEach() {
        assertThat(timeline.between(1_000, 3_000)).isEqualTo(3.0);
        assertThat(timeline.between(1_500, 2_500)).isCloseTo(2.0 - 0.5, within(1e-9));
    }

    @Test
    void timesTheReadingsDoNotReachGiveNoFigure() {
        assertThat(timeline.between(500, 2_000)).isNaN();
        assertThat(timeline.between(2_000, 3_001)).isNaN();
        assertThat(CpuTimeline.EMPTY.between(0, 1)).isNaN();
    }

    @Test
    void secondHalfCpuPerRecordIsWhatTheProcessSpentWhileTheLaterHalfOfTheOutputWasWritten() {
        // 1,000,000 records out from 100 s to 110 s, the middle one at 106 s; 5 s of CPU before the first, 8 s by
        // the middle, 10 s by the last: the later 500,000 records cost 2 s, 4 µs each, the whole run 10 µs each.
        RunMeasurement run = new RunMeasurement(
                Contender.loginInsights(true, 1),
                1,
                1_000_000,
                new Span(1_000_000, 100_000, 106_000, 110_000),
                95_000,
                111_000,
                new ProcessSampler.Usage(
                        10,
                        300 * 1024,
                        new CpuTimeline(new long[] {100_000, 106_000, 110_000}, new double[] {5.0, 8.0, 10.0})),
                Path.of("x.log"),
                Optional.empty(),
                Optional.empty());

        assertThat(run.cpuMicrosPerRecord()).isEqualTo(10.0);
        assertThat(run.secondHalfCpuMicrosPerRecord()).isCloseTo(4.0, within(1e-9));
    }
}
