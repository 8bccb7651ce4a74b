package com.logininsights.tools.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplesCsvTest {

    @Test
    void oneColumnPerSeriesAndAnEmptyCellWhereASeriesWasNotRead() {
        String csv = SamplesCsv.of(List.of(
                new Sample(Duration.ofMillis(10_200), Map.of(Series.HEAP_AFTER_GC, 61.25, Series.LAG, 5000.0)),
                new Sample(Duration.ofSeconds(20), Map.of(Series.LAG, 0.0))));

        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("elapsed_s,heap_after_gc_mb,live_heap_mb,gc_pause_ms,");
        assertThat(lines.get(0).split(",")).hasSize(1 + Series.values().length);
        assertThat(lines.get(1)).startsWith("10.2,61.3,,");
        assertThat(lines.get(2)).startsWith("20.0,,,");
        assertThat(lines.get(1).split(",", -1)[1 + Series.LAG.ordinal()]).isEqualTo("5000.0");
    }
}
