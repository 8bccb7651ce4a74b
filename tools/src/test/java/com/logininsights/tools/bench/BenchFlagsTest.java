package com.logininsights.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logininsights.tools.bench.contenders.Contender;
import com.logininsights.tools.bench.contenders.JobVariant;
import com.logininsights.tools.bench.measure.BenchConfig;
import com.logininsights.tools.bench.measure.LatencyScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchFlagsTest {

    @Test
    void defaultsMeasureEveryContenderThreeTimesAndTheLatencyOfThreeSettings() throws Exception {
        BenchConfig config = BenchFlags.parse();
        assertThat(config.records()).isEqualTo(BenchFlags.DEFAULT_RECORDS);
        assertThat(config.runs()).isEqualTo(3);
        assertThat(config.contenders())
                .extracting(Contender::id)
                .containsExactly(
                        "ceiling-alo",
                        "ceiling-tx",
                        "hand-loop-tx",
                        "sql-eo-p1",
                        "li-eo-p1",
                        "li-eo-p2",
                        "li-alo-p1",
                        "li-alo-p2");
        assertThat(config.latencyScenarios())
                .extracting(LatencyScenario::id)
                .containsExactly("lat-alo", "lat-eo-10s", "lat-eo-1s");
        assertThat(config.jobA()).isEqualTo(JobVariant.a(Optional.empty(), List.of()));
        assertThat(config.jobB()).isEmpty();
        assertThat(config.kafkaProperties()).isEmpty();
        assertThat(config.latencyRate()).isEqualTo(5_000);
        assertThat(config.latencyWarmUp()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.out()).isEmpty();
    }

    @Test
    void quickIsSmallButStillEveryContender() throws Exception {
        BenchConfig config = BenchFlags.parse("--quick");
        assertThat(config.records()).isEqualTo(BenchFlags.QUICK_RECORDS);
        assertThat(config.runs()).isEqualTo(1);
        assertThat(config.contenders()).hasSize(8);
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
    void aSecondJarRunsEveryChosenLoginInsightsContenderTwiceInTheSameTurn(@TempDir Path dir) throws Exception {
        Path old = Files.createFile(dir.resolve("old.jar"));

        BenchConfig config = BenchFlags.parse("--job-jar-b", old.toString(), "--only", "ceiling-tx,li-eo-p1,li-alo-p2");

        assertThat(config.contenders())
                .extracting(Contender::id)
                .containsExactly("ceiling-tx", "li-eo-p1", "li-eo-p1-b", "li-alo-p2", "li-alo-p2-b");
        assertThat(config.jobB()).contains(JobVariant.b(Optional.of(old), List.of(), List.of()));
    }

    @Test
    void jvmOptionsForTheSecondVariantAloneRunTheSameJarTwiceWithDifferentOptions() throws Exception {
        BenchConfig config = BenchFlags.parse(
                "--job-java-opts", "-XX:+UseParallelGC", "--job-java-opts-b", " -XX:TieredStopAtLevel=1  -Xss1m ");

        assertThat(config.jobA()).isEqualTo(JobVariant.a(Optional.empty(), List.of("-XX:+UseParallelGC")));
        assertThat(config.jobB())
                .contains(JobVariant.b(Optional.empty(), List.of("-XX:TieredStopAtLevel=1", "-Xss1m"), List.of()));
        assertThat(config.contenders()).extracting(Contender::id).contains("li-eo-p1-b", "li-alo-p2-b");
        assertThat(BenchFlags.parse("--job-java-opts-b", "").jobB())
                .contains(JobVariant.b(Optional.empty(), List.of(), List.of()));
    }

    @Test
    void jobFlagsForTheSecondVariantRunTheSameJarWithThoseFlagsAndRefuseTheOnesTheBenchmarkSets() throws Exception {
        BenchConfig config = BenchFlags.parse("--only", "li-eo-p1", "--job-flags-b", "--signals none");

        assertThat(config.jobB()).contains(JobVariant.b(Optional.empty(), List.of(), List.of("--signals", "none")));
        assertThat(config.contenders()).extracting(Contender::id).containsExactly("li-eo-p1", "li-eo-p1-b");
        assertThatThrownBy(() -> BenchFlags.parse("--job-flags-b", "--parallelism 4"))
                .hasMessageContaining("--parallelism is set by the benchmark");
        assertThatThrownBy(() -> BenchFlags.parse("--job-flags-b", "none"))
                .hasMessageContaining("does not start with a job flag");
    }

    @Test
    void kafkaPropertiesAreKeptInOrderTheLastOneForAKeyWinning() throws Exception {
        BenchConfig config = BenchFlags.parse(
                "--job-kafka-property",
                "compression.type=none",
                "--job-kafka-property",
                "linger.ms=5",
                "--job-kafka-property",
                "compression.type=zstd");

        assertThat(config.kafkaProperties())
                .containsExactly(Map.entry("compression.type", "zstd"), Map.entry("linger.ms", "5"));
    }

    @Test
    void badFlagsSayWhatIsWrong() {
        assertThatThrownBy(() -> BenchFlags.parse("--records", "0")).hasMessageContaining("--records");
        assertThatThrownBy(() -> BenchFlags.parse("--runs")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchFlags.parse("--only", "flink")).hasMessageContaining("no contender 'flink'");
        assertThatThrownBy(() -> BenchFlags.parse("--fast")).hasMessageContaining("unknown flag --fast");
        assertThatThrownBy(() -> BenchFlags.parse("--job-jar-b", "/no/such.jar"))
                .hasMessage("--job-jar-b: no file /no/such.jar");
        assertThatThrownBy(() -> BenchFlags.parse("--job-jar", "/no/such.jar"))
                .hasMessage("--job-jar: no file /no/such.jar");
        assertThatThrownBy(() -> BenchFlags.parse("--job-java-opts", "-Xss1m TieredStopAtLevel=1"))
                .hasMessageStartingWith("--job-java-opts: 'TieredStopAtLevel=1' is not a JVM option");
        assertThatThrownBy(() -> BenchFlags.parse("--job-java-opts-b", "-cp other.jar"))
                .hasMessageStartingWith("--job-java-opts-b: -cp would change what runs");
        assertThatThrownBy(() -> BenchFlags.parse("--job-kafka-property", "linger.ms"))
                .hasMessage("--job-kafka-property: 'linger.ms' is not key=value");
        assertThatThrownBy(() -> BenchFlags.parse("--job-kafka-property", "bootstrap.servers=x:1"))
                .hasMessage("--job-kafka-property: the benchmark sets bootstrap.servers itself");
    }
}
