package com.logininsights.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchFlagsTest {

    @Test
    void defaultsMeasureEveryContenderThreeTimesAndTheLatencyOfThreeSettings() throws Exception {
        BenchConfig config = BenchFlags.parse();
        assertThat(config.records()).isEqualTo(BenchFlags.DEFAULT_RECORDS);
        assertThat(config.runs()).isEqualTo(3);
        assertThat(config.contenders()).hasSize(7);
        assertThat(config.latencyScenarios())
                .extracting(LatencyScenario::id)
                .containsExactly("lat-alo", "lat-eo-10s", "lat-eo-1s");
        assertThat(config.latencyRate()).isEqualTo(5_000);
        assertThat(config.latencyWarmUp()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.out()).isEmpty();
    }

    @Test
    void quickIsSmallButStillEveryContender() throws Exception {
        BenchConfig config = BenchFlags.parse("--quick");
        assertThat(config.records()).isEqualTo(BenchFlags.QUICK_RECORDS);
        assertThat(config.runs()).isEqualTo(1);
        assertThat(config.contenders()).hasSize(7);
        assertThat(config.latencyScenarios()).extracting(LatencyScenario::id).containsExactly("lat-eo-1s");
    }

    @Test
    void flagsGivenWithQuickWinWhateverTheirOrder() throws Exception {
        BenchConfig config = BenchFlags.parse(
                "--records",
                "10_000",
                "--quick",
                "--runs",
                "2",
                "--out",
                "x.md",
                "--only",
                "li-eo-p1,ceiling-tx",
                "--no-latency");
        assertThat(config.records()).isEqualTo(10_000);
        assertThat(config.runs()).isEqualTo(2);
        assertThat(config.out()).contains(Path.of("x.md"));
        assertThat(config.contenders()).extracting(Contender::id).containsExactly("ceiling-tx", "li-eo-p1");
        assertThat(config.latencyScenarios()).isEmpty();
    }

    @Test
    void badFlagsSayWhatIsWrong() {
        assertThatThrownBy(() -> BenchFlags.parse("--records", "0")).hasMessageContaining("--records");
        assertThatThrownBy(() -> BenchFlags.parse("--runs")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchFlags.parse("--only", "flink")).hasMessageContaining("no contender 'flink'");
        assertThatThrownBy(() -> BenchFlags.parse("--fast")).hasMessageContaining("unknown flag --fast");
    }
}
