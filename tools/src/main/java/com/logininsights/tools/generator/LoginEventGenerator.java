package com.logininsights.tools.generator;

import com.logininsights.common.Durations;
import com.logininsights.tools.cli.Cli;
import com.logininsights.tools.cli.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.logging.log4j.LogManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes generated {@code user-login} records to Kafka at a steady rate until the count is reached or the process
 * is stopped (SIGINT/SIGTERM), then prints what it sent. Exit codes: 0 all records delivered, 1 a record or the
 * broker connection failed, 2 a bad flag.
 */
public final class LoginEventGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(LoginEventGenerator.class);

    /** Long enough for a last flush to a slow broker; after it, pending records are failed and counted. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** How long a stop signal waits for the sending thread: a blocked send plus the closing flush, and a margin. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(75);
    /** Issue 20's default burst: more than this many logins by one user... */
    private static final int BURST_LOGINS_AT_DEFAULT = 10;
    /** ...within this span of event time. */
    private static final Duration BURST_SPAN_AT_DEFAULT = Duration.ofMinutes(1);

    private final GeneratorConfig config;
    private final SendStats stats = new SendStats();
    private final Thread sendingThread = Thread.currentThread();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    /** Guards {@link #connecting}: a stop may interrupt the metadata wait, and nothing after it. */
    private final Object connectingLock = new Object();

    private boolean connecting;
    private volatile int exitCode = 1;

    private LoginEventGenerator(GeneratorConfig config) {
        this.config = config;
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(new GeneratorFlags(), args));
    }

    /** Generates until the count is reached or a stop signal comes; returns the exit code. */
    static int generate(GeneratorConfig config) {
        LoginEventGenerator generator = new LoginEventGenerator(config);
        Runtime.getRuntime().addShutdownHook(new Thread(generator::stopAndExit, "generator-shutdown"));
        try {
            generator.exitCode = generator.run();
        } catch (RuntimeException e) {
            System.err.println("error: the generator failed: " + e);
        } finally {
            generator.finished.countDown();
        }
        return generator.exitCode;
    }

    /**
     * The one way out, for a normal end and for a signal alike: stop sending, wait for the sending thread to flush,
     * close and summarise, then leave with its exit code. Halting, rather than returning, keeps a signal from turning
     * a clean stop into exit code 130 or 143.
     */
    private void stopAndExit() {
        stopRequested = true;
        LockSupport.unpark(sendingThread);
        synchronized (connectingLock) {
            if (connecting) {
                sendingThread.interrupt(); // else an unreachable broker holds the stop for max.block.ms
            }
        }
        boolean done = false;
        try {
            done = finished.await(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!done) {
            System.err.println("error: the generator did not stop within " + STOP_GRACE.toSeconds() + " s");
        }
        LogManager.shutdown();
        Runtime.getRuntime().halt(done ? exitCode : 1);
    }

    private int run() {
        Properties properties = ProducerSettings.properties(config);
        KafkaProducer<byte[], byte[]> producer;
        try {
            producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            System.err.println(
                    "error: --producer-property: the Kafka producer rejects its settings: " + rootMessage(e));
            return 2;
        }
        try {
            PartitionChooser partitions;
            try {
                LOG.info("connecting to {} for topic '{}'", config.bootstrapServers(), config.topic());
                partitions = PartitionChooser.plan(config, topicPartitions(producer));
            } catch (InterruptException e) {
                System.err.println("error: stopped while waiting for topic metadata from " + config.bootstrapServers());
                return 1;
            } catch (TimeoutException e) {
                System.err.println("error: no metadata for topic '" + config.topic() + "' from "
                        + config.bootstrapServers() + " within "
                        + ProducerSettings.maxBlock(properties).toSeconds()
                        + " s: is the broker up and reachable at that address, and does the topic exist (or may"
                        + " the broker create it)? Check --bootstrap-servers.");
                return 1;
            } catch (KafkaException e) {
                System.err.println("error: cannot use topic '" + config.topic() + "': " + rootMessage(e));
                return 1;
            } catch (UsageException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
            // Resolved only now, so that by default event times start when sending does, not before connecting.
            long seed = config.seed().orElseGet(() -> new SecureRandom().nextLong());
            Instant start = config.startTime().orElseGet(() -> Instant.now().truncatedTo(ChronoUnit.MILLIS));
            LoginRecordFactory factory = new LoginRecordFactory(seed, start, config.recordMix());
            Incidents incidents = new Incidents(config.incidents(), config.recordMix(), seed, start, lastSlotMillis());
            GroundTruth truth;
            try {
                truth = config.groundTruth().isPresent()
                        ? GroundTruth.toFile(config.groundTruth().get())
                        : GroundTruth.none();
            } catch (IOException e) {
                System.err.println("error: --ground-truth: cannot write "
                        + config.groundTruth().get() + ": " + e);
                return 1;
            }
            LOG.info(
                    "seed {} (pass --seed {} to repeat), first event time {}, {}, partitions: {}",
                    seed,
                    seed,
                    start,
                    (config.unpaced() ? "as fast as possible" : config.recordsPerSecond() + " records/s")
                            + (config.timeLapse() == 1 ? "" : ", event time " + config.timeLapse() + " x as fast"),
                    partitions.describe());
            describeBackground();
            long sendingNanos = send(factory, incidents, truth, producer, partitions);
            LOG.info("flushing and closing the producer");
            producer.close(CLOSE_TIMEOUT);
            new ProgressReporter(stats, () -> 0).reportSummary(sendingNanos);
            closeGroundTruth(truth);
        } finally {
            producer.close(Duration.ZERO); // a no-op after a normal close
        }
        return stats.snapshot().failed() > 0 ? 1 : 0;
    }

    /** A paced run with a count ends at a known point of the schedule; no incident starts that would outlast it. */
    private OptionalLong lastSlotMillis() {
        if (config.unpaced() || config.count().isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) ((config.count().getAsLong() - 1) * 1000 / config.recordsPerEventSecond()));
    }

    /**
     * Says what the job's signals will make of the background: a pool too small for the rate logs each user in so
     * often that the burst signal fires for the background (issue 20's default: more than 10 logins in a minute).
     */
    private void describeBackground() {
        IncidentMix mix = config.incidents();
        if (mix.any()) {
            int kinds = mix.kinds().size();
            LOG.info(
                    "injecting {} in turn, one every {} of event time (each kind every {}); ground truth: {}",
                    mix.kinds().stream().map(IncidentKind::code).toList(),
                    Durations.format(mix.every()),
                    Durations.format(mix.every().multipliedBy(kinds)),
                    config.groundTruth().map(Path::toString).orElse("none (--ground-truth)"));
        }
        if (config.unpaced()) {
            return;
        }
        long most = UserPool.mostLoginsWithin(
                BURST_SPAN_AT_DEFAULT, config.users(), config.recordsPerEventSecond(), config.jitter());
        if (most > BURST_LOGINS_AT_DEFAULT) {
            LOG.warn(
                    "each of the {} users logs in every {} s of event time at {} records per event second, up to {}"
                            + " times a minute: the job's burst"
                            + " signal (at its default, more than {} logins in a minute) will fire for the background;"
                            + " --users {} or more keeps it below",
                    config.users(),
                    String.format(java.util.Locale.ROOT, "%.1f", config.users() / config.recordsPerEventSecond()),
                    config.recordsPerEventSecond(),
                    most,
                    BURST_LOGINS_AT_DEFAULT,
                    UserPool.fewestUsersForAtMost(
                            BURST_LOGINS_AT_DEFAULT,
                            BURST_SPAN_AT_DEFAULT,
                            config.recordsPerEventSecond(),
                            config.jitter()));
        }
    }

    private static void closeGroundTruth(GroundTruth truth) {
        try {
            truth.close();
        } catch (IOException | UncheckedIOException e) {
            System.err.println("error: cannot finish the ground truth: " + e);
        }
        if (truth.injected() > 0) {
            LOG.info(
                    "incidents: {} injected, {} with every login delivered, {} cut short by the end of the run",
                    truth.injected(),
                    truth.complete(),
                    truth.injected() - truth.complete());
        }
    }

    private int topicPartitions(KafkaProducer<byte[], byte[]> producer) {
        synchronized (connectingLock) {
            connecting = true;
        }
        try {
            return producer.partitionsFor(config.topic()).size();
        } finally {
            synchronized (connectingLock) {
                connecting = false;
                Thread.interrupted(); // a stop that came just as the metadata did: the send loop sees stopRequested
            }
        }
    }

    /** @return how long the sending took */
    private long send(
            LoginRecordFactory factory,
            Incidents incidents,
            GroundTruth truth,
            KafkaProducer<byte[], byte[]> producer,
            PartitionChooser partitions) {
        Pacer pacer = Pacer.start(config.recordsPerSecond());
        ProgressReporter progress = new ProgressReporter(stats, pacer::elapsedNanos);
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "generator-progress");
            thread.setDaemon(true);
            return thread;
        });
        long everyMillis = config.reportEvery().toMillis();
        reporter.scheduleAtFixedRate(progress::reportProgress, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
        try {
            long limit = config.count().orElse(Long.MAX_VALUE);
            for (long sent = 0; sent < limit; sent++) {
                long scheduledNanos = pacer.awaitNext(() -> stopRequested);
                if (scheduledNanos < 0) {
                    break;
                }
                long millis = (long) (scheduledNanos / 1e6 * config.timeLapse());
                for (Incidents.Due login : incidents.due(millis)) {
                    truth.sent(login);
                    send(producer, partitions, login.record(), (metadata, failure) -> {
                        if (failure == null) {
                            truth.delivered(login, metadata.topic(), metadata.partition(), metadata.offset());
                        } else {
                            truth.failed(login);
                        }
                    });
                }
                send(producer, partitions, factory.next(millis), (metadata, failure) -> {});
            }
            return pacer.elapsedNanos();
        } finally {
            reporter.shutdownNow();
        }
    }

    /** Sends one record and counts it; {@code outcome} hears of its delivery or failure, as the stats do. */
    private void send(
            KafkaProducer<byte[], byte[]> producer,
            PartitionChooser partitions,
            GeneratedRecord record,
            Callback outcome) {
        stats.sent(record);
        try {
            producer.send(
                    new ProducerRecord<>(config.topic(), partitions.next(), null, record.value()),
                    (metadata, failure) -> {
                        if (failure == null) {
                            stats.acknowledged();
                        } else {
                            stats.failed(failure);
                        }
                        outcome.onCompletion(metadata, failure);
                    });
        } catch (KafkaException e) {
            stats.failed(e);
            outcome.onCompletion(null, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + cause.getMessage();
    }
}
