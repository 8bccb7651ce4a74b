package com.logininsights.tools.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What a run read, took, skipped and delivered, for the lines it ends with. */
final class ReplaySummary {
    private static final int UNREADABLE_SHOWN = 5;

    private final String readFrom;
    private final ReplayFilter filter;
    private long read;
    private final Map<String, Long> selectedByReason = new TreeMap<>();
    private long truncated;
    private long unreadable;
    private final List<String> unreadableShown = new ArrayList<>();

    ReplaySummary(String readFrom, ReplayFilter filter) {
        this.readFrom = readFrom;
        this.filter = filter;
    }

    /**
     * Counts one dead letter and says whether to replay it: it must pass the filter and still hold its whole
     * payload.
     */
    boolean take(DeadLetter letter) {
        read++;
        if (!filter.test(letter)) {
            return false;
        }
        if (letter.payloadTruncated()) {
            truncated++;
            return false;
        }
        selectedByReason.merge(letter.reason(), 1L, Long::sum);
        return true;
    }

    void unreadable(String where, String why) {
        read++;
        unreadable++;
        if (unreadableShown.size() < UNREADABLE_SHOWN) {
            unreadableShown.add(where + ": " + why);
        }
    }

    long selected() {
        return selectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    long truncated() {
        return truncated;
    }

    long unreadable() {
        return unreadable;
    }

    /** The lines about what was read; the caller adds what became of the selected ones. */
    String describe() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Read %,d dead letters from %s.%n", read, readFrom));
        List<String> reasons = new ArrayList<>();
        selectedByReason.forEach((reason, count) -> reasons.add(reason + " " + count));
        text.append(String.format(
                Locale.ROOT,
                "Selected %,d (%s)%s%n",
                selected(),
                filter.describe(),
                reasons.isEmpty() ? "." : ": " + String.join(", ", reasons) + "."));
        if (truncated > 0) {
            text.append(String.format(
                    Locale.ROOT,
                    "Skipped %,d %s: the job kept only the first bytes of a record that large, so it cannot be"
                            + " replayed faithfully.%n",
                    truncated,
                    Reasons.TOO_LARGE));
        }
        if (unreadable > 0) {
            text.append(String.format(
                    Locale.ROOT, "Skipped %,d unreadable (not a dead letter of login-insights):%n", unreadable));
            unreadableShown.forEach(line -> text.append("  ").append(line).append('\n'));
        }
        return text.toString();
    }
}
