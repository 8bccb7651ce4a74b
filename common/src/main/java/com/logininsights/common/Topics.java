package com.logininsights.common;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The job's five topics: their default names (the job's flags, every tool's and the tests' take them from here) and
 * how production lays them out.
 */
public record Topics(String input, String processed, String deadLetters, String insights, String alerts) {
    public static final String INPUT = "user-login";
    public static final String PROCESSED = "user-login-processed";
    public static final String DEAD_LETTERS = "user-login-dlq";
    public static final String INSIGHTS = "user-login-insights";
    /** The job's alerts: one record per episode of a suspicious-login signal. */
    public static final String ALERTS = "user-login-alerts";

    public static final Topics DEFAULT = new Topics(INPUT, PROCESSED, DEAD_LETTERS, INSIGHTS, ALERTS);

    /** The four topics of a job that names no alerts topic of its own: its alerts go to the default one. */
    public Topics(String input, String processed, String deadLetters, String insights) {
        this(input, processed, deadLetters, insights, ALERTS);
    }

    /**
     * The topics the job writes. Whatever needs every output (the start-up check, the rights the job's principal
     * needs) takes them from here, so an output added to this record is added here and nowhere else.
     *
     * @param withAlerts whether the alerts topic is among them: a job with every signal off writes none
     */
    public List<String> outputs(boolean withAlerts) {
        return withAlerts
                ? List.of(processed, deadLetters, insights, alerts)
                : List.of(processed, deadLetters, insights);
    }

    /**
     * The topics as production lays them out, on a one-broker cluster: the enriched topic and the alerts as wide as
     * the input (both keyed, by user and by what an alert is about), one partition for the dead letters and the
     * insights, the insights compacted (a window's latest revision per key is what counts). Every alert counts, so the
     * alerts topic is not compacted.
     */
    public List<NewTopic> toCreate(int inputPartitions) {
        return List.of(
                new NewTopic(input, inputPartitions, (short) 1),
                new NewTopic(processed, inputPartitions, (short) 1),
                new NewTopic(deadLetters, 1, (short) 1),
                new NewTopic(insights, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic(alerts, inputPartitions, (short) 1));
    }
}
