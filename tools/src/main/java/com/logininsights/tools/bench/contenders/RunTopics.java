package com.logininsights.tools.bench.contenders;

import java.util.List;

/**
 * The topics of one contender's run: fresh outputs each time, so that every run starts from nothing and its
 * output can be counted on its own.
 */
public record RunTopics(String input, String processed, String deadLetters, String insights, String alerts) {

    public static RunTopics fresh(String input, String runName) {
        String prefix = "bench-" + runName + "-";
        return new RunTopics(input, prefix + "processed", prefix + "dlq", prefix + "insights", prefix + "alerts");
    }

    /** Where every input record ends up exactly once: the enriched topic or the dead letters. */
    public List<String> perRecordOutputs() {
        return List.of(processed, deadLetters);
    }

    public List<String> outputs() {
        return List.of(processed, deadLetters, insights, alerts);
    }
}
