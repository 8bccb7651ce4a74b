package com.logininsights.signals;

import com.logininsights.common.Signal;
import java.io.Serializable;
import java.util.function.Consumer;

/**
 * A count signal's rule: more than {@code threshold} within {@code withinMillis} (the span ending at an instant T
 * holds the times {@code T - within + 1 ... T}, to the millisecond). An episode begins at the login that crosses the
 * threshold and ends at the first instant the count is back at the threshold or below, or once it has run {@code
 * maxEpisodeMillis}. Counting needs only the {@code threshold + 1} latest entries: whether older ones are in the span
 * cannot change whether the threshold is crossed.
 */
record CountRule(Signal signal, int threshold, long withinMillis, long maxEpisodeMillis) implements Serializable {

    /** The most entries worth keeping. */
    int kept() {
        return threshold + 1;
    }

    /** Whether something seen at one instant is still in the span that ends at another. */
    boolean inSpan(long seenMillis, long atMillis) {
        return seenMillis > atMillis - withinMillis;
    }

    /** Whether the count is over the threshold at an instant, given the latest entries and the oldest of them. */
    boolean over(int entries, long oldestMillis, long atMillis) {
        return entries > threshold && inSpan(oldestMillis, atMillis);
    }

    boolean ended(Episode episode, int entries, long oldestMillis, long atMillis) {
        return !over(entries, oldestMillis, atMillis) || episode.firedMillis() + maxEpisodeMillis <= atMillis;
    }

    /** Reports the episode, if one goes on and has ended by this instant; says whether it did. */
    boolean reportIfEnded(Episode episode, int entries, long oldestMillis, long atMillis, Consumer<Alert> alerts) {
        if (episode == null || !ended(episode, entries, oldestMillis, atMillis)) {
            return false;
        }
        alerts.accept(episode.alert(signal, threshold, withinMillis));
        return true;
    }

    /**
     * When an episode going on ends if no login comes before: the oldest entry leaves the span, or time is up;
     * {@link Long#MAX_VALUE} when none goes on.
     */
    long endsAt(Episode episode, long oldestMillis) {
        return episode == null
                ? Long.MAX_VALUE
                : Math.min(oldestMillis + withinMillis, episode.firedMillis() + maxEpisodeMillis);
    }
}
