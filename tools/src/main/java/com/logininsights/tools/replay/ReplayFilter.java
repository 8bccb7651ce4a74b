package com.logininsights.tools.replay;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which dead letters to take: by reason, and by the time their rejected record was written to the input topic
 * ({@code source.timestamp}), from {@code since} (inclusive) to {@code until} (exclusive).
 *
 * @param reasons empty takes every reason
 */
record ReplayFilter(Set<String> reasons, Optional<Instant> since, Optional<Instant> until) {

    static final ReplayFilter EVERYTHING = new ReplayFilter(Set.of(), Optional.empty(), Optional.empty());

    ReplayFilter {
        reasons = Set.copyOf(reasons);
    }

    boolean test(DeadLetter letter) {
        Instant written = letter.source().timestamp();
        return (reasons.isEmpty() || reasons.contains(letter.reason()))
                && since.map(from -> !written.isBefore(from)).orElse(true)
                && until.map(to -> written.isBefore(to)).orElse(true);
    }

    /** In words, for the summary: {@code reason missing_user_id, written 2026-11-29T10:00:00Z to ...}. */
    String describe() {
        StringBuilder text = new StringBuilder();
        if (!reasons.isEmpty()) {
            text.append("reason ").append(String.join(" or ", new TreeSet<>(reasons)));
        }
        if (since.isPresent() || until.isPresent()) {
            text.append(text.isEmpty() ? "" : ", ").append("written to the input topic");
            since.ifPresent(from -> text.append(" from ").append(from));
            until.ifPresent(to -> text.append(" until ").append(to));
        }
        return text.isEmpty() ? "every dead letter" : text.toString();
    }
}
