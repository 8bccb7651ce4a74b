package com.logininsights.tools.bench.measure;

import com.logininsights.common.Durations;
import com.logininsights.tools.ChildProcess;
import com.logininsights.tools.bench.contenders.Contender;
import com.logininsights.tools.bench.contenders.RunTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Measures one latency scenario: the job runs unbounded on fresh topics (input stamped with LogAppendTime), our
 * generator writes at a fixed rate for a fixed time, a {@code read_committed} probe follows the outputs, and
 * afterwards every input record is joined with its output.
 */
public final class LatencyRun {
    /** Settings of every scenario of one benchmark. */
    public record Settings(int recordsPerSecond, Duration generate, Duration warmUp, int partitions, long seed) {}

    /** A scenario's outcome. */
    public record Outcome(LatencyScenario scenario, LatencyJoin.Result result) {}

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final Contender.Launch launch;
    private final BenchAdmin admin;
    private final Settings settings;
    private final Path logDir;
    private final Progress progress;

    public LatencyRun(Contender.Launch launch, BenchAdmin admin, Settings settings, Path logDir, Progress progress) {
        this.launch = launch;
        this.admin = admin;
        this.settings = settings;
        this.logDir = logDir;
        this.progress = progress;
    }

    public Outcome measure(LatencyScenario scenario) throws Exception {
        RunTopics topics = RunTopics.fresh("bench-" + scenario.id() + "-input", scenario.id());
        admin.create(topics.input(), settings.partitions());
        admin.createOutputs(topics, settings.partitions());
        try {
            return new Outcome(scenario, run(scenario, topics));
        } finally {
            List<String> all = new ArrayList<>(topics.outputs());
            all.add(topics.input());
            admin.delete(all);
        }
    }

    private LatencyJoin.Result run(LatencyScenario scenario, RunTopics topics) throws Exception {
        String label = "latency, " + scenario.title() + ", checkpoints every "
                + Durations.format(scenario.checkpointInterval());
        List<String> job = new ArrayList<>(List.of(ChildProcess.java()));
        job.addAll(launch.jobA().jvmFlags());
        job.addAll(List.of("-jar", launch.jobA().requireJar().toString()));
        job.addAll(Contender.jobFlags(launch, topics, "bench-" + scenario.id(), scenario.exactlyOnce(), 1));
        job.addAll(List.of("--checkpoint-interval", Durations.format(scenario.checkpointInterval())));
        long count = settings.recordsPerSecond() * settings.generate().toSeconds();
        List<String> generator = List.of(
                ChildProcess.java(),
                "-Xmx256m",
                "-cp",
                launch.toolsClasspath(),
                "com.logininsights.tools.generator.LoginEventGenerator",
                "--bootstrap-servers",
                launch.bootstrapServers(),
                "--topic",
                topics.input(),
                "--rate",
                String.valueOf(settings.recordsPerSecond()),
                "--count",
                String.valueOf(count),
                "--partitions",
                String.valueOf(settings.partitions()),
                "--seed",
                String.valueOf(settings.seed()),
                "--report-every",
                "10s");
        try (ChildProcess jobProcess = ChildProcess.start("job", job, logDir.resolve(scenario.id() + "-job.log"));
                LatencyProbe probe = new LatencyProbe(
                                launch.bootstrapServers(),
                                admin.partitions(topics.perRecordOutputs()),
                                topics.processed())
                        .start()) {
            awaitReady(jobProcess, probe, topics.input(), label);
            long generatorStarted = System.currentTimeMillis();
            try (ChildProcess generatorProcess =
                    ChildProcess.start("generator", generator, logDir.resolve(scenario.id() + "-generator.log"))) {
                Duration limit = settings.generate().plusSeconds(90);
                while (!generatorProcess.waitFor(Duration.ofSeconds(1))) {
                    requireAlive(jobProcess);
                    long elapsed = System.currentTimeMillis() - generatorStarted;
                    if (elapsed > limit.toMillis()) {
                        throw new IllegalStateException(
                                "the generator did not finish within " + limit.toSeconds() + " s");
                    }
                    progress.update(String.format(
                            Locale.ROOT, "%s  %3d s  %,d records out", label, elapsed / 1000, probe.count()));
                }
                if (generatorProcess.exitValue() != 0) {
                    throw new IllegalStateException("the generator failed; see " + generatorProcess.log());
                }
            }
            long written = admin.endOffsetSum(admin.partitions(List.of(topics.input())));
            long drainUntil =
                    System.currentTimeMillis() + scenario.checkpointInterval().toMillis() + 30_000;
            while (probe.count() < written && System.currentTimeMillis() < drainUntil) {
                requireAlive(jobProcess);
                Thread.sleep(200);
            }
            var input = AppendTimeScan.appendTimesByOffset(launch.bootstrapServers(), admin, topics.input());
            return LatencyJoin.join(
                    input, probe.seen(), generatorStarted + settings.warmUp().toMillis());
        }
    }

    /**
     * Waits until the job is up end to end: one empty record per input partition (dead letters of reason
     * {@code empty}) must come out before the generator starts, so that the job's start-up is not measured.
     */
    private void awaitReady(ChildProcess job, LatencyProbe probe, String inputTopic, String label) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, launch.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int partition = 0; partition < settings.partitions(); partition++) {
                producer.send(new ProducerRecord<>(inputTopic, partition, null, new byte[0]))
                        .get();
            }
        }
        long started = System.currentTimeMillis();
        while (probe.count() < settings.partitions()) {
            requireAlive(job);
            long elapsed = System.currentTimeMillis() - started;
            if (elapsed > READY_TIMEOUT.toMillis()) {
                throw new IllegalStateException(
                        "the job wrote nothing within " + READY_TIMEOUT.toSeconds() + " s; see " + job.log());
            }
            progress.update(
                    String.format(Locale.ROOT, "%s  waiting for the job to start, %d s", label, elapsed / 1000));
            Thread.sleep(100);
        }
    }

    private static void requireAlive(ChildProcess job) {
        if (!job.isAlive()) {
            throw new IllegalStateException("the job stopped (exit code " + job.exitValue() + "); see " + job.log());
        }
    }
}
