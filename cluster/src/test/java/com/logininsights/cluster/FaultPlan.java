package com.logininsights.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One shape of the fault matrix: the input, the job, and which faults strike, in order, while input flows.
 *
 * <p>After each fault the matrix waits until the job has recovered and then runs undisturbed for {@link #settle()},
 * so that each fault hits a different point of the stream with windows closing in between; a fault with a {@link
 * Fault#nextAfter()} is followed by the next one that much later instead, while the job is still recovering or
 * catching up.
 *
 * <p>Choose with {@code -Dfault-matrix=short|full|real-rate}; {@code -Dfault-matrix.parallelism=N}, {@code
 * -Dfault-matrix.idleness=3s} and {@code -Dfault-matrix.broker-away=20s} change the chosen plan's parallelism, the
 * job's idleness timeout and the broker's outage.
 */
record FaultPlan(
        String name,
        GeneratorProcess.Settings input,
        int parallelism,
        Duration checkpointInterval,
        Optional<Duration> idleness,
        Duration brokerAway,
        List<Fault> faults,
        Duration settle) {
    static final String PROPERTY = "fault-matrix";

    enum Kind {
        /** SIGKILL the TaskManager the job runs on, then start a new one. */
        KILL_TASKMANAGER,
        /** Stop the broker process (SIGTERM), then start it again on the same data folder and ports. */
        RESTART_BROKER,
        /** Stop the job with a savepoint, resume it from the savepoint at another parallelism. */
        RESCALE
    }

    /**
     * One fault; {@code parallelism} is the parallelism a rescale goes to; {@code nextAfter}, when present, strikes
     * the next fault that long after this one, without waiting for the job to recover.
     */
    record Fault(Kind kind, int parallelism, Optional<Duration> nextAfter) {
        static Fault killTaskManager() {
            return new Fault(Kind.KILL_TASKMANAGER, 0, Optional.empty());
        }

        static Fault restartBroker() {
            return new Fault(Kind.RESTART_BROKER, 0, Optional.empty());
        }

        static Fault rescaleTo(int parallelism) {
            return new Fault(Kind.RESCALE, parallelism, Optional.empty());
        }

        Fault thenAfter(Duration delay) {
            return new Fault(kind, parallelism, Optional.of(delay));
        }
    }

    private static final Instant INPUT_START = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * Every kind of incident in turn, one every 10 s of event time: a few dozen alerts per run for the matrix to
     * compare, a few hundred logins among tens of thousands.
     */
    private static final InjectedIncidents INCIDENTS = InjectedIncidents.everyKindEvery(Duration.ofSeconds(10));

    /** 200 records a second over 3 partitions, with incidents, until the generator is stopped. */
    private static final GeneratorProcess.Settings STEADY_INPUT =
            new GeneratorProcess.Settings(20261129L, INPUT_START, 200, 0.05, 3, 0).withIncidents(INCIDENTS);

    /**
     * The plan the tests run by default: one TaskManager loss, a broker restart longer than the default 10 s {@code
     * --idleness} (every partition falls quiet while it is away), one rescale.
     */
    static final FaultPlan SHORT = new FaultPlan(
            "short",
            STEADY_INPUT,
            1,
            Duration.ofSeconds(1),
            Optional.empty(),
            Duration.ofSeconds(15),
            List.of(Fault.killTaskManager(), Fault.restartBroker(), Fault.rescaleTo(2)),
            Duration.ofSeconds(10));

    /** The whole matrix: three TaskManager losses, a broker restart, and a rescale from 1 to 2 and back. */
    static final FaultPlan FULL = new FaultPlan(
            "full",
            STEADY_INPUT,
            1,
            Duration.ofSeconds(1),
            Optional.empty(),
            Duration.ofSeconds(15),
            List.of(
                    Fault.killTaskManager(),
                    Fault.restartBroker(),
                    Fault.rescaleTo(2),
                    Fault.killTaskManager(),
                    Fault.rescaleTo(1),
                    Fault.killTaskManager()),
            Duration.ofSeconds(40));

    /**
     * An operator's bad afternoon at a real rate: 6,000 records a second over 4 partitions, checkpoints every 3 s; a
     * TaskManager lost, the broker restarted 10 s later while the job is still recovering, then another TaskManager
     * lost while the job catches up with the backlog the outage left.
     */
    static final FaultPlan REAL_RATE = new FaultPlan(
            "real-rate",
            new GeneratorProcess.Settings(20261206L, INPUT_START, 6_000, 0.05, 4, 420_000).withIncidents(INCIDENTS),
            1,
            Duration.ofSeconds(3),
            Optional.empty(),
            Duration.ofSeconds(5),
            List.of(
                    Fault.killTaskManager().thenAfter(Duration.ofSeconds(10)),
                    Fault.restartBroker().thenAfter(Duration.ofSeconds(5)),
                    Fault.killTaskManager()),
            Duration.ofSeconds(10));

    /** The job's flags that shape its windows, checkpoints and idleness (the job's default unless the plan says). */
    List<String> windowing() {
        List<String> flags = new ArrayList<>(
                List.of("--window", "10s", "--checkpoint-interval", checkpointInterval.toMillis() + "ms"));
        idleness.ifPresent(timeout -> flags.addAll(List.of("--idleness", timeout.toMillis() + "ms")));
        return flags;
    }

    /** The job's flags: its windowing, and its signals watching for what the input injects. */
    List<String> jobFlags() {
        List<String> flags = new ArrayList<>(windowing());
        flags.addAll(input.incidents().jobFlags());
        return flags;
    }

    /** One line for the report. */
    String describe() {
        return String.format(
                Locale.ROOT,
                "Input: our generator `%s`; job: `%s`, exactly-once, parallelism %d; the broker away %d s per restart.",
                input.describe(),
                String.join(" ", jobFlags()),
                parallelism,
                brokerAway.toSeconds());
    }

    /** The plan named by {@code -Dfault-matrix}, with the overrides of its parallelism and outage. */
    static FaultPlan chosen() {
        String name = System.getProperty(PROPERTY, SHORT.name()).strip().toLowerCase(Locale.ROOT);
        FaultPlan plan = switch (name) {
            case "short", "" -> SHORT;
            case "full" -> FULL;
            case "real-rate" -> REAL_RATE;
            default ->
                throw new IllegalArgumentException(
                        "-D" + PROPERTY + " must be 'short', 'full' or 'real-rate', not '" + name + "'");
        };
        String parallelism = System.getProperty(PROPERTY + ".parallelism", "").strip();
        String idleness = System.getProperty(PROPERTY + ".idleness", "").strip();
        String brokerAway = System.getProperty(PROPERTY + ".broker-away", "").strip();
        return plan.with(
                parallelism.isEmpty() ? plan.parallelism : Integer.parseInt(parallelism),
                idleness.isEmpty() ? plan.idleness : Optional.of(seconds(idleness)),
                brokerAway.isEmpty() ? plan.brokerAway : seconds(brokerAway));
    }

    /** A duration in seconds or minutes as the script takes it: 5s, 1m. */
    private static Duration seconds(String duration) {
        return Duration.parse("PT" + duration.toUpperCase(Locale.ROOT));
    }

    private FaultPlan with(int newParallelism, Optional<Duration> newIdleness, Duration newBrokerAway) {
        if (newParallelism < 1) {
            throw new IllegalArgumentException("-D" + PROPERTY + ".parallelism must be 1 or more");
        }
        return new FaultPlan(
                name, input, newParallelism, checkpointInterval, newIdleness, newBrokerAway, faults, settle);
    }
}
