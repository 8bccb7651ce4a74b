package com.logininsights.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's quick mode end to end, so that it cannot rot: a real broker, every contender once over a few
 * thousand records, one latency scenario. Asserts that everything was measured, never how fast.
 */
class BenchQuickIT {

    @Test
    void quickRunMeasuresEveryContenderAndWritesTheTable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("quick.md");
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        BenchConfig config = BenchFlags.parse("--quick", "--out", file.toString());

        Benchmark.Outcome outcome = new Benchmark(
                        config,
                        Benchmark.repositoryRoot(),
                        new PrintStream(screen, true, StandardCharsets.UTF_8),
                        "scripts/bench --quick",
                        false)
                .run();

        String shown = screen.toString(StandardCharsets.UTF_8);
        assertThat(outcome.complete()).as(shown).isTrue();
        assertThat(outcome.report().contenders())
                .extracting(s -> s.contender().id())
                .containsExactlyElementsOf(
                        Contender.all().stream().map(Contender::id).toList());
        for (ContenderSummary summary : outcome.report().contenders()) {
            RunMeasurement run = summary.runs().get(0);
            assertThat(run.output().records()).as(summary.contender().title()).isEqualTo(config.records());
            assertThat(run.sustainedPerSecond()).as(summary.contender().title()).isPositive();
            assertThat(run.usage().cpuSeconds()).as(summary.contender().title()).isPositive();
            assertThat(run.usage().peakRssKb()).as(summary.contender().title()).isPositive();
        }
        assertThat(outcome.report().latency()).hasSize(1);
        assertThat(outcome.report().latency().get(0).result().unmatched()).isZero();

        assertThat(file).exists();
        String written = Files.readString(file);
        for (Contender contender : Contender.all()) {
            assertThat(written).contains("| " + contender.title() + " | ");
        }
        assertThat(written)
                .contains("## End-to-end latency", "| exactly-once | 1s |")
                .doesNotContain("FAILED");
        assertThat(shown).contains("## Throughput", "Written to " + file);
    }
}
