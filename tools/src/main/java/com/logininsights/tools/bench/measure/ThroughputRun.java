package com.logininsights.tools.bench.measure;

import com.logininsights.tools.ChildProcess;
import com.logininsights.tools.bench.contenders.Contender;
import com.logininsights.tools.bench.contenders.RunTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs one contender once over the preloaded input: fresh output topics and group, the program in its own JVM,
 * sampled until it exits by itself, then its output read back and the topics deleted again.
 */
public final class ThroughputRun {
    private final Contender.Launch launch;
    private final BenchAdmin admin;
    private final String inputTopic;
    private final Preloader.Loaded input;
    private final int partitions;
    private final Path logDir;
    private final Progress progress;

    public ThroughputRun(
            Contender.Launch launch,
            BenchAdmin admin,
            String inputTopic,
            Preloader.Loaded input,
            int partitions,
            Path logDir,
            Progress progress) {
        this.launch = launch;
        this.admin = admin;
        this.inputTopic = inputTopic;
        this.input = input;
        this.partitions = partitions;
        this.logDir = logDir;
        this.progress = progress;
    }

    public RunMeasurement measure(Contender contender, int run, String label) throws Exception {
        String runName = contender.id() + "-run" + run;
        RunTopics topics = RunTopics.fresh(inputTopic, runName);
        admin.createOutputs(topics, partitions);
        List<TopicPartition> watched = admin.partitions(topics.perRecordOutputs());
        Path log = logDir.resolve(runName + ".log");
        long inputRecords = input.records();
        Duration timeout = Duration.ofMinutes(5).plusSeconds(inputRecords / 2_000);
        long launched = System.currentTimeMillis();
        ProcessSampler.Usage usage;
        Optional<String> failure = Optional.empty();
        try (ChildProcess child = ChildProcess.start(
                        contender.title(), contender.command(launch, topics, "bench-" + runName), log);
                ProcessSampler sampler = ProcessSampler.start(child.pid())) {
            while (!child.waitFor(Duration.ofSeconds(1))) {
                long elapsed = System.currentTimeMillis() - launched;
                if (elapsed > timeout.toMillis()) {
                    failure = Optional.of("still running after " + timeout.toSeconds() + " s; stopped");
                    break;
                }
                progress.update(String.format(
                        Locale.ROOT,
                        "%s  %-40s %4d s  %,d of %,d records out",
                        label,
                        contender.title(),
                        elapsed / 1000,
                        admin.endOffsetSum(watched),
                        inputRecords));
            }
            if (failure.isEmpty() && child.exitValue() != 0) {
                failure = Optional.of("exit code " + child.exitValue()
                        + (child.exitValue() == ChildProcess.OUT_OF_HEAP
                                ? ": out of heap; more records need a larger one (--job-java-opts \"-Xmx<size>\")"
                                : ""));
            }
            sampler.close();
            usage = sampler.usage();
        }
        long exited = System.currentTimeMillis();
        AppendTimeScan.Span output = AppendTimeScan.scan(launch.bootstrapServers(), admin, topics.perRecordOutputs());
        Optional<WindowFigures> figures = Optional.empty();
        if (contender.writesWindowFigures()) {
            try {
                figures = Optional.of(WindowFigures.read(launch.bootstrapServers(), admin, topics.insights()));
            } catch (java.io.IOException e) {
                failure = failure.or(() -> Optional.of("its insights could not be read: " + e.getMessage()));
            }
        }
        admin.delete(topics.outputs());
        if (failure.isEmpty()) {
            failure = contender.miscount(output.records(), inputRecords, input.records() - input.malformed());
        }
        failure = failure.map(reason -> reason + "; log " + log + tail(log));
        return new RunMeasurement(contender, run, inputRecords, output, launched, exited, usage, log, figures, failure);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return "\n      " + String.join("\n      ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (Exception e) {
            return "";
        }
    }
}
