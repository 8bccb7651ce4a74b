package com.logininsights.tools.replay;

import com.logininsights.common.Topics;
import com.logininsights.tools.cli.Converters;
import com.logininsights.tools.cli.UsageException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/** Which dead letters to take, and from which topic; the same for both replay commands. */
final class SelectionOptions {
    @Option(
            names = "--dead-letter-topic",
            paramLabel = "NAME",
            defaultValue = Topics.DEAD_LETTERS,
            converter = Converters.TopicName.class,
            description = "the job's dead-letter topic (default: ${DEFAULT-VALUE})")
    String deadLetterTopic;

    @Option(
            names = "--reason",
            paramLabel = "REASON",
            split = ",",
            converter = Reasons.Converter.class,
            completionCandidates = Reasons.class,
            description = "only dead letters with this reason; repeatable, or comma-separated: ${COMPLETION-CANDIDATES}"
                    + " (default: every reason)")
    Set<String> reasons = new LinkedHashSet<>();

    @Option(
            names = "--since",
            paramLabel = "TIME",
            converter = TimeConverter.class,
            description = "only records written to the input topic at or after TIME: 2026-11-29T10:00:00Z,"
                    + " 2026-11-29T10:00 (local), 2026-11-29, or how long ago, like 2h (default: the beginning)")
    Instant since;

    @Option(
            names = "--until",
            paramLabel = "TIME",
            converter = TimeConverter.class,
            description = "only records written to the input topic before TIME, written like --since (default: no end)")
    Instant until;

    ReplayFilter filter() throws UsageException {
        if (since != null && until != null && !since.isBefore(until)) {
            throw new UsageException("--until: " + until + " is not after --since " + since);
        }
        return new ReplayFilter(reasons, Optional.ofNullable(since), Optional.ofNullable(until));
    }
}
