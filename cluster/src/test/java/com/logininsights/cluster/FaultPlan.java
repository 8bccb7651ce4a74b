package com.logininsights.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Which faults the matrix injects, in order, while input flows, and how long the job runs undisturbed after it has
 * recovered from each one (so that each fault hits a different point of the stream, with windows closing in
 * between).
 *
 * <p>{@link #SHORT} runs in the default test command; {@link #FULL} is the whole matrix: three
 * TaskManager losses, a broker restart, and a rescale from 1 to 2 and back. Choose with {@code -Dfault-matrix=full}.
 */
record FaultPlan(String name, List<Fault> faults, Duration settle) {
    static final String PROPERTY = "fault-matrix";

    enum Kind {
        /** SIGKILL the TaskManager the job runs on, then start a new one. */
        KILL_TASKMANAGER,
        /** Stop the broker process (SIGTERM), then start it again on the same data folder and ports. */
        RESTART_BROKER,
        /** Stop the job with a savepoint, resume it from the savepoint at another parallelism. */
        RESCALE
    }

    /** One fault; {@code parallelism} is the parallelism a rescale goes to. */
    record Fault(Kind kind, int parallelism) {
        static Fault killTaskManager() {
            return new Fault(Kind.KILL_TASKMANAGER, 0);
        }

        static Fault restartBroker() {
            return new Fault(Kind.RESTART_BROKER, 0);
        }

        static Fault rescaleTo(int parallelism) {
            return new Fault(Kind.RESCALE, parallelism);
        }
    }

    static final FaultPlan SHORT = new FaultPlan(
            "short",
            List.of(Fault.killTaskManager(), Fault.restartBroker(), Fault.rescaleTo(2)),
            Duration.ofSeconds(10));

    static final FaultPlan FULL = new FaultPlan(
            "full",
            List.of(
                    Fault.killTaskManager(),
                    Fault.restartBroker(),
                    Fault.rescaleTo(2),
                    Fault.killTaskManager(),
                    Fault.rescaleTo(1),
                    Fault.killTaskManager()),
            Duration.ofSeconds(40));

    /** The plan named by {@code -Dfault-matrix}: {@code short} (the default) or {@code full}. */
    static FaultPlan chosen() {
        String name = System.getProperty(PROPERTY, SHORT.name()).strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "short", "" -> SHORT;
            case "full" -> FULL;
            default ->
                throw new IllegalArgumentException("-D" + PROPERTY + " must be 'short' or 'full', not '" + name + "'");
        };
    }
}
