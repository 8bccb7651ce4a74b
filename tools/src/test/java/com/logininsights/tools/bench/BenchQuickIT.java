package com.logininsights.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.tools.Checkout;
import com.logininsights.tools.bench.contenders.Contender;
import com.logininsights.tools.bench.measure.BenchConfig;
import com.logininsights.tools.bench.measure.RunMeasurement;
import com.logininsights.tools.bench.report.ContenderSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's quick mode end to end, so that it cannot rot: a real broker, every contender once over a few
 * thousand records (the Flink SQL peer included), one latency scenario. Asserts that everything was measured, never
 * how fast.
 */
class BenchQuickIT {

    @Test
    void quickRunMeasuresEveryContenderAndWritesTheTable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("quick.md");
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        BenchConfig config = BenchFlags.parse("--quick", "--out", file.toString());

        Benchmark.Outcome outcome = new Benchmark(
                        config,
                        Checkout.root(),
                        new PrintStream(screen, true, StandardCharsets.UTF_8),
                        "scripts/bench --quick",
                        false)
                .run();

        String shown = screen.toString(StandardCharsets.UTF_8);
        System.out.println(shown);
        assertThat(outcome.complete()).as(shown).isTrue();
        assertThat(outcome.report().contenders())
                .extracting(s -> s.contender().id())
                .containsExactlyElementsOf(
                        Contender.all().stream().map(Contender::id).toList());
        long valid =
                outcome.report().loaded().records() - outcome.report().loaded().malformed();
        for (ContenderSummary summary : outcome.report().contenders()) {
            RunMeasurement run = summary.runs().get(0);
            if (summary.contender().writesEveryRecord()) {
                assertThat(run.output().records())
                        .as(summary.contender().title())
                        .isEqualTo(config.records());
            } else {
                assertThat(run.output().records())
                        .as(summary.contender().title())
                        .isBetween(valid, config.records());
            }
            assertThat(run.figures().isPresent())
                    .as(summary.contender().title())
                    .isEqualTo(summary.contender().writesWindowFigures());
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
                .contains("## Window figures: the Flink SQL peer beside login-insights")
                .doesNotContain("FAILED");
        assertThat(shown).contains("## Throughput", "Written to " + file);
    }
}
