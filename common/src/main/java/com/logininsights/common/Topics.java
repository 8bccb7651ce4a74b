package com.logininsights.common;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The job's four topics: their default names (the job's flags, every tool's and the tests' take them from here) and
 * how production lays them out.
 */
public record Topics(String input, String processed, String deadLetters, String insights) {
    public static final String INPUT = "user-login";
    public static final String PROCESSED = "user-login-processed";
    public static final String DEAD_LETTERS = "user-login-dlq";
    public static final String INSIGHTS = "user-login-insights";
    /** The job's alerts: one record per episode of a suspicious-login signal. */
    public static final String ALERTS = "user-login-alerts";

    public static final Topics DEFAULT = new Topics(INPUT, PROCESSED, DEAD_LETTERS, INSIGHTS);

    /**
     * The four topics as production lays them out, on a one-broker cluster: the enriched topic as wide as the
     * input, one partition for the dead letters and the insights, the insights compacted (a window's latest revision
     * per key is what counts).
     */
    public List<NewTopic> toCreate(int inputPartitions) {
        return List.of(
                new NewTopic(input, inputPartitions, (short) 1),
                new NewTopic(processed, inputPartitions, (short) 1),
                new NewTopic(deadLetters, 1, (short) 1),
                new NewTopic(insights, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")));
    }
}
