package com.logininsights.signals;

import com.logininsights.common.Signal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Every signal, keyed by subject ({@link Subject#key}), decided in event time. A sighting waits in its subject's state
 * until the watermark passes its time plus {@code --allowed-lateness}; then the subject's sightings up to that instant
 * are evaluated in {@link Sighting#EVALUATION_ORDER}, so that the same input gives the same alerts whatever order it
 * arrives in within the out-of-orderness bound, at any parallelism, and after a restart (the waiting sightings and the
 * histories are in the checkpoint, and the timers with them).
 *
 * <p>A sighting that comes after the watermark has passed it cannot be put in order any more: it is counted in the
 * {@code lateForSignals} metric and sent to {@link #LATE}, never evaluated out of order.
 *
 * <p>A sighting that cannot raise an alert ({@link SubjectSignals#mayAlert}: most devices and IP addresses) asks for
 * no wake-up of its own and is evaluated at its subject's next one, in the same order; a wake-up is the costliest
 * part of a sighting.
 *
 * <p>State is bounded in event time, not by Flink's state TTL (which counts processing time, so a replay or a catch-up
 * would keep or drop state by the wall clock): each subject has one wake-up timer at a time for the end of an episode
 * or for the end of its memory ({@link SignalRules#memoryMillis}); at the end of its memory with nothing waiting, its
 * state is cleared.
 */
public final class EvaluateSignals extends KeyedProcessFunction<String, Sighting, Alert> {
    public static final OutputTag<Sighting> LATE =
            new OutputTag<>("late-for-signals", TypeInformation.of(Sighting.class));

    private final SignalRules rules;
    private final long lagMillis;
    private final boolean deferring;

    private transient ValueState<UserHistory> users;
    private transient ValueState<SharedHistory> shared;
    /**
     * Where the first build with the signals (main at ca894a4) kept the waiting logins, each with a timer of its own;
     * a savepoint of it may hold some. Each is moved into its subject's history when the subject next wakes up, which
     * is no later than its own timer, so before any later login of the subject is evaluated.
     */
    private transient ListState<Sighting> waitingBeforeUpgrade;

    private transient Map<Signal, Counter> alertCounters;
    private transient Counter late;
    private transient UserSignals userSignals;
    private transient Map<Subject, SharedSignals> sharedSignals;
    private transient Map<Subject, Long> memoryMillis;

    /** @param allowedLateness how long after the watermark passes a login's time it is still evaluated in order */
    public EvaluateSignals(SignalRules rules, Duration allowedLateness) {
        this(rules, allowedLateness, true);
    }

    private EvaluateSignals(SignalRules rules, Duration allowedLateness, boolean deferring) {
        this.rules = rules;
        this.lagMillis = allowedLateness.toMillis();
        this.deferring = deferring;
    }

    /**
     * The same, evaluating every login as soon as it is due: the reference that shows deferring the logins that
     * cannot raise an alert changes no alert and no moment one is written.
     */
    public static EvaluateSignals evaluatingEveryLoginWhenDue(SignalRules rules, Duration allowedLateness) {
        return new EvaluateSignals(rules, allowedLateness, false);
    }

    @Override
    public void open(OpenContext context) {
        users = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("user-history", TypeInformation.of(UserHistory.class)));
        shared = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("shared-history", TypeInformation.of(SharedHistory.class)));
        waitingBeforeUpgrade = getRuntimeContext()
                .getListState(new ListStateDescriptor<>("waiting-sightings", TypeInformation.of(Sighting.class)));
        alertCounters = new EnumMap<>(Signal.class);
        for (Signal signal : Signal.values()) {
            alertCounters.put(
                    signal,
                    getRuntimeContext()
                            .getMetricGroup()
                            .addGroup("signal", signal.signalName())
                            .counter("alerts"));
        }
        late = getRuntimeContext().getMetricGroup().counter("lateForSignals");
        userSignals = new UserSignals(rules);
        sharedSignals = new EnumMap<>(Subject.class);
        sharedSignals.put(Subject.DEVICE, new SharedSignals(rules, Signal.SHARED_DEVICE));
        sharedSignals.put(Subject.IP, new SharedSignals(rules, Signal.SHARED_IP));
        memoryMillis = new EnumMap<>(Subject.class);
        for (Subject subject : Subject.values()) {
            memoryMillis.put(subject, rules.memoryMillis(subject));
        }
    }

    @Override
    public void processElement(Sighting sighting, Context context, Collector<Alert> out) throws Exception {
        long watermark = context.timerService().currentWatermark();
        if (sighting.timeMillis() + lagMillis <= watermark) {
            late.inc();
            context.output(LATE, sighting);
            return;
        }
        Subject subject = sighting.subject();
        Consumer<Alert> alerts = collecting(out);
        if (subject == Subject.USER) {
            await(users, userSignals, subject, sighting, watermark, context, alerts);
        } else {
            await(shared, sharedSignals.get(subject), subject, sighting, watermark, context, alerts);
        }
    }

    private <H extends History> void await(
            ValueState<H> state,
            SubjectSignals<H> signals,
            Subject subject,
            Sighting sighting,
            long watermark,
            Context context,
            Consumer<Alert> alerts)
            throws Exception {
        H history = state.value();
        if (history == null) {
            history = signals.fresh();
        } else if (deferring && watermark >= Long.MIN_VALUE + lagMillis) { // none before the first watermark
            // Logins that waited for a wake-up and are due by now are evaluated while the state is at hand, so that
            // a subject keeps few logins waiting; none of them can raise an alert, or it would have had a wake-up.
            history = evaluateDue(history, signals, subject, watermark - lagMillis, alerts);
        }
        history.await(sighting);
        if (!deferring || signals.mayAlert(history)) {
            context.timerService().registerEventTimeTimer(sighting.timeMillis() + lagMillis);
        } else if (history.wakeUpMillis == History.NEVER || history.wakeUpMillis + lagMillis <= watermark) {
            history.wakeUpMillis = sighting.timeMillis() + memoryMillis.get(subject);
            context.timerService().registerEventTimeTimer(history.wakeUpMillis + lagMillis);
        }
        state.update(history);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<Alert> out) throws Exception {
        long now = timestamp - lagMillis;
        Consumer<Alert> alerts = collecting(out);
        Subject subject = Subject.ofKey(context.getCurrentKey());
        if (subject == Subject.USER) {
            evaluate(users, userSignals, subject, now, alerts, context);
        } else {
            evaluate(shared, sharedSignals.get(subject), subject, now, alerts, context);
        }
    }

    private Consumer<Alert> collecting(Collector<Alert> out) {
        return alert -> {
            alertCounters.get(alert.signal()).inc();
            out.collect(alert);
        };
    }

    /** The due logins of one subject, in order, then what ends by now without them. */
    private <H extends History> void evaluate(
            ValueState<H> state,
            SubjectSignals<H> signals,
            Subject subject,
            long now,
            Consumer<Alert> alerts,
            OnTimerContext context)
            throws Exception {
        H history = withWaitingBeforeUpgrade(state.value(), signals);
        if (history == null) {
            return; // a wake-up asked for before the state was cleared
        }
        history = evaluateDue(history, signals, subject, now, alerts);
        signals.closeEnded(history, now, alerts);
        if (keep(history, signals, history.latestLoginMillis() + memoryMillis.get(subject), now, context)) {
            state.update(history);
        } else {
            state.clear();
        }
    }

    /** The history with the logins of {@link #waitingBeforeUpgrade} moved in; a fresh one if they are all there is. */
    private <H extends History> H withWaitingBeforeUpgrade(H history, SubjectSignals<H> signals) throws Exception {
        Iterable<Sighting> carried = waitingBeforeUpgrade.get();
        if (carried == null || !carried.iterator().hasNext()) {
            return history;
        }
        H with = history == null ? signals.fresh() : history;
        for (Sighting login : carried) {
            with.await(login);
        }
        waitingBeforeUpgrade.clear();
        return with;
    }

    /** The waiting logins up to this instant, in order; returns the history, a fresh one if the old was forgotten. */
    private <H extends History> H evaluateDue(
            H history, SubjectSignals<H> signals, Subject subject, long now, Consumer<Alert> alerts) {
        long memory = memoryMillis.get(subject);
        for (Sighting login : history.takeDue(now)) {
            if (history.lastLoginMillis != History.NEVER) {
                signals.closeEnded(history, login.timeMillis() - 1, alerts);
                // Away for longer than its memory: forgotten, even if its state was not cleared yet (logins waited).
                if (login.timeMillis() - history.lastLoginMillis > memory) {
                    H fresh = signals.fresh();
                    fresh.takeOverPending(history);
                    history = fresh;
                }
            }
            signals.evaluate(history, login, alerts);
        }
        return history;
    }

    /**
     * Whether a subject's history is still worth keeping at this instant; if it is, makes sure a wake-up comes in
     * time for whatever can change next without a login: the end of the episode going on, or of the memory, and the
     * next waiting login that may raise an alert.
     */
    private <H extends History> boolean keep(
            H history, SubjectSignals<H> signals, long forgottenAt, long now, OnTimerContext context) {
        long episodeEndsAt = signals.episodeEndsAt(history);
        if (forgottenAt <= now && history.waiting.isEmpty() && episodeEndsAt == Long.MAX_VALUE) {
            return false;
        }
        long next = Math.min(episodeEndsAt, forgottenAt > now ? forgottenAt : Long.MAX_VALUE);
        if (next != Long.MAX_VALUE && (history.wakeUpMillis <= now || history.wakeUpMillis > next)) {
            context.timerService().registerEventTimeTimer(next + lagMillis);
            history.wakeUpMillis = next;
        }
        if (!history.waiting.isEmpty() && (!deferring || signals.mayAlert(history))) {
            context.timerService().registerEventTimeTimer(history.waiting.get(0).timeMillis() + lagMillis);
        }
        return true;
    }
}
