package com.logininsights.tools.soak;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.tools.Checkout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak end to end for about a minute, so that it cannot rot: a real broker, the generator and the job's local jar,
 * each in its own process. Asserts that every series was sampled and every file written, never what a value is.
 */
class SoakQuickIT {

    @Test
    void aOneMinuteSoakSamplesEverySeriesWritesItsFilesAndStopsWhatItStarted(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("results");
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        String[] args = {
            "--duration", "1m",
            "--rate", "2000",
            "--sample-every", "5s",
            "--checkpoint-interval", "5s",
            "--live-heap-every", "20s",
            "--job-heap", "1g",
            "--out", folder.toString()
        };

        Soak.Outcome outcome = new Soak(
                        SoakCommand.parse(args),
                        Checkout.root(),
                        new PrintStream(screen, true, StandardCharsets.UTF_8),
                        "scripts/soak " + String.join(" ", args))
                .run();

        String shown = screen.toString(StandardCharsets.UTF_8);
        System.out.print(shown);
        assertThat(outcome.ending()).as(shown).isEqualTo(Soak.Ending.COMPLETED);
        List<Sample> samples = outcome.samples();
        assertThat(samples).as(shown).hasSizeGreaterThanOrEqualTo(10);
        for (Series series : Series.values()) {
            assertThat(samples.stream().filter(sample -> sample.value(series).isPresent()))
                    .as("samples of %s%n%s", series.title(), shown)
                    .isNotEmpty();
        }

        List<String> csv = Files.readAllLines(outcome.csv());
        assertThat(csv).hasSize(1 + samples.size());
        assertThat(csv.get(0)).startsWith("elapsed_s,heap_after_gc_mb,");
        var svg = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(outcome.chart().toFile());
        assertThat(svg.getElementsByTagName("polyline").getLength()).isPositive();
        assertThat(Files.readString(outcome.summary()))
                .contains("| heap after GC (MB) | ", "| checkpoint size (KB) | ", "Verdict", "Flat: ");
        assertThat(shown)
                .contains(SampleLines.heading())
                .contains("Stopping: generator job Kafka broker. Done.")
                .contains("Written to " + folder);
        assertThat(folder.resolve("job-gc.log")).isNotEmptyFile();
        assertThat(folder.resolve("kafka").resolve("kafka-logs"))
                .as("the broker's data is removed")
                .doesNotExist();
        assertThat(folder.resolve("checkpoints"))
                .as("the job's checkpoints are removed")
                .doesNotExist();

        assertThat(outcome.pids()).hasSize(3);
        for (long pid : outcome.pids()) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("pid %d alive", pid)
                    .isFalse();
        }
    }
}
