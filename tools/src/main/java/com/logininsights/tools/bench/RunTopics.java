package com.logininsights.tools.bench;

import java.util.List;

/**
 * The topics of one contender's run: fresh outputs each time, so that every run starts from nothing and its
 * output can be counted on its own.
 */
record RunTopics(String input, String processed, String deadLetters, String insights) {

    static RunTopics fresh(String input, String runName) {
        String prefix = "bench-" + runName + "-";
        return new RunTopics(input, prefix + "processed", prefix + "dlq", prefix + "insights");
    }

    /** Where every input record ends up exactly once: the enriched topic or the dead letters. */
    List<String> perRecordOutputs() {
        return List.of(processed, deadLetters);
    }

    List<String> outputs() {
        return List.of(processed, deadLetters, insights);
    }
}
