package com.logininsights.signals;

import java.util.function.Consumer;

/** The signals about one kind of subject, applied to one subject's logins in event-time order. */
interface SubjectSignals<H extends History> {

    /** A subject seen for the first time, or again after its memory. */
    H fresh();

    /** One login, after every earlier one. */
    void evaluate(H history, Sighting login, Consumer<Alert> alerts);

    /** Reports the episode going on if it has ended by this instant, every login up to it having been evaluated. */
    void closeEnded(H history, long atMillis, Consumer<Alert> alerts);

    /** When the episode going on ends if no login comes before; {@link Long#MAX_VALUE} if none goes on. */
    long episodeEndsAt(H history);

    /**
     * Whether evaluating the waiting logins could raise an alert. When it could not, they may wait for the subject's
     * next wake-up instead of each asking for one: the alerts come out the same, as every login is still evaluated in
     * order, and fewer timers cost less. It may say yes when the answer is no, never the other way round.
     */
    boolean mayAlert(H history);
}
