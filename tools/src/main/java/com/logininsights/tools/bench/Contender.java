package com.logininsights.tools.bench;

import com.logininsights.tools.Ports;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One program the benchmark measures, and how to start it as a child JVM on one run's fresh topics and group.
 *
 * @param id short name for {@code --only} and for file names
 */
record Contender(String id, String title, Kind kind, boolean exactlyOnce, int parallelism) {

    enum Kind {
        CEILING,
        HAND_LOOP,
        LOGIN_INSIGHTS
    }

    /** The same heap for every contender; Flink's add-opens come from the local jar's manifest. */
    static final List<String> JVM_FLAGS = List.of("-Xmx1g");

    /** What every launch needs besides the run's topics. */
    record Launch(String bootstrapServers, String toolsClasspath, Path jobJar, Optional<Path> jfrDir) {}

    static final Contender CEILING_AT_LEAST_ONCE =
            new Contender("ceiling-alo", "ceiling: kafka-clients copy, at-least-once", Kind.CEILING, false, 1);
    static final Contender CEILING_TRANSACTIONS =
            new Contender("ceiling-tx", "ceiling: kafka-clients copy, transactions", Kind.CEILING, true, 1);
    static final Contender HAND_LOOP =
            new Contender("hand-loop-tx", "hand-written loop: parse + validate, transactions", Kind.HAND_LOOP, true, 1);

    static List<Contender> all() {
        return List.of(
                CEILING_AT_LEAST_ONCE,
                CEILING_TRANSACTIONS,
                HAND_LOOP,
                loginInsights(true, 1),
                loginInsights(true, 2),
                loginInsights(false, 1),
                loginInsights(false, 2));
    }

    static Contender loginInsights(boolean exactlyOnce, int parallelism) {
        String guarantee = exactlyOnce ? "exactly-once" : "at-least-once";
        return new Contender(
                "li-" + (exactlyOnce ? "eo" : "alo") + "-p" + parallelism,
                "login-insights " + guarantee + " p" + parallelism,
                Kind.LOGIN_INSIGHTS,
                exactlyOnce,
                parallelism);
    }

    List<String> command(Launch launch, RunTopics topics, String groupId) throws IOException {
        List<String> command = new ArrayList<>(List.of(com.logininsights.tools.ChildProcess.java()));
        command.addAll(JVM_FLAGS);
        switch (kind) {
            case CEILING -> {
                command.addAll(List.of(
                        "-cp", launch.toolsClasspath(), CeilingCopy.class.getName(), "--output", topics.processed()));
                command.addAll(loopFlags(launch, topics, groupId));
            }
            case HAND_LOOP -> {
                command.addAll(List.of(
                        "-cp",
                        launch.toolsClasspath(),
                        HandWrittenLoop.class.getName(),
                        "--processed",
                        topics.processed(),
                        "--dead-letters",
                        topics.deadLetters()));
                command.addAll(loopFlags(launch, topics, groupId));
            }
            case LOGIN_INSIGHTS -> {
                launch.jfrDir()
                        .ifPresent(dir -> command.add("-XX:StartFlightRecording=settings=profile,"
                                + "dumponexit=true,filename=" + dir.resolve(groupId + ".jfr")));
                command.addAll(List.of("-jar", launch.jobJar().toString(), "--bounded"));
                command.addAll(jobFlags(launch, topics, groupId, exactlyOnce, parallelism));
            }
        }
        return command;
    }

    private List<String> loopFlags(Launch launch, RunTopics topics, String groupId) {
        List<String> flags = new ArrayList<>(List.of(
                "--bootstrap-servers",
                launch.bootstrapServers(),
                "--input",
                topics.input(),
                "--group-id",
                groupId,
                "--bounded"));
        if (exactlyOnce) {
            flags.add("--transactional");
        }
        return flags;
    }

    /** The job's flags for one run's topics; shared with the latency test, which runs the job unbounded. */
    static List<String> jobFlags(Launch launch, RunTopics topics, String groupId, boolean exactlyOnce, int parallelism)
            throws IOException {
        return List.of(
                "--bootstrap-servers",
                launch.bootstrapServers(),
                "--input-topic",
                topics.input(),
                "--processed-topic",
                topics.processed(),
                "--dead-letter-topic",
                topics.deadLetters(),
                "--insights-topic",
                topics.insights(),
                "--group-id",
                groupId,
                "--starting-offsets",
                "earliest",
                "--delivery-guarantee",
                exactlyOnce ? "exactly-once" : "at-least-once",
                "--parallelism",
                String.valueOf(parallelism),
                "--web-ui-port",
                String.valueOf(Ports.free()));
    }
}
