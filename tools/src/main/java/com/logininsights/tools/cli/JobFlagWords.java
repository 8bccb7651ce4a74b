package com.logininsights.tools.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.TypeConversionException;

/**
 * Extra flags for a job that a tool starts, given as one value with spaces ({@code "--state-backend rocksdb"}): the
 * words appended to the job's command line. None may name a flag the tool sets itself: the job would refuse it as
 * given twice, or the tool would no longer measure what it says it does.
 */
public record JobFlagWords(List<String> words) {
    public JobFlagWords {
        words = List.copyOf(words);
    }

    /**
     * @param reserved the job flags the tool sets itself
     * @param setBy who sets them, as a refusal ends: {@code --parallelism is set by <setBy>}
     */
    public static JobFlagWords of(String value, Set<String> reserved, String setBy) {
        List<String> words = Arrays.stream(value.trim().split("\\s+"))
                .filter(word -> !word.isEmpty())
                .toList();
        if (words.isEmpty() || !words.get(0).startsWith("--")) {
            throw new TypeConversionException("'" + value + "' does not start with a job flag (--name)");
        }
        for (String word : words) {
            if (reserved.contains(word.split("=", 2)[0])) {
                throw new TypeConversionException(word + " is set by " + setBy);
            }
        }
        return new JobFlagWords(words);
    }
}
