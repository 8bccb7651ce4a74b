package com.logininsights.signals;

import com.logininsights.common.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
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
 * Every signal, keyed by subject ({@link Subject#key}), decided in event time. A sighting waits in keyed state until
 * the watermark passes its time plus {@code --allowed-lateness}; then the subject's sightings up to that instant are
 * evaluated in {@link Sighting#EVALUATION_ORDER}, so that the same input gives the same alerts whatever order it
 * arrives in within the out-of-orderness bound, at any parallelism, and after a restart (the waiting sightings and the
 * histories are in the checkpoint, and the timers with them).
 *
 * <p>A sighting that comes after the watermark has passed it cannot be put in order any more: it is counted in the
 * {@code lateForSignals} metric and sent to {@link #LATE}, never evaluated out of order.
 *
 * <p>State is bounded in event time, not by Flink's state TTL (which counts processing time, so a replay or a catch-up
 * would keep or drop state by the wall clock): each subject has one wake-up timer at a time, for the end of an
 * episode or for the end of its memory ({@link SignalRules#memoryMillis}); at the end of its memory with nothing
 * waiting, its state is cleared.
 */
public final class EvaluateSignals extends KeyedProcessFunction<String, Sighting, Alert> {
    public static final OutputTag<Sighting> LATE =
            new OutputTag<>("late-for-signals", TypeInformation.of(Sighting.class));

    private final SignalRules rules;
    private final long lagMillis;

    private transient ListState<Sighting> waiting;
    private transient ValueState<UserHistory> users;
    private transient ValueState<SharedHistory> shared;
    private transient Map<Signal, Counter> alertCounters;
    private transient Counter late;
    private transient UserSignals userSignals;
    private transient Map<Subject, SharedSignals> sharedSignals;

    /** @param allowedLateness how long after the watermark passes a login's time it is still evaluated in order */
    public EvaluateSignals(SignalRules rules, Duration allowedLateness) {
        this.rules = rules;
        this.lagMillis = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        waiting = getRuntimeContext()
                .getListState(new ListStateDescriptor<>("waiting-sightings", TypeInformation.of(Sighting.class)));
        users = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("user-history", TypeInformation.of(UserHistory.class)));
        shared = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("shared-history", TypeInformation.of(SharedHistory.class)));
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
    }

    @Override
    public void processElement(Sighting sighting, Context context, Collector<Alert> out) throws Exception {
        long due = sighting.timeMillis() + lagMillis;
        if (due <= context.timerService().currentWatermark()) {
            late.inc();
            context.output(LATE, sighting);
            return;
        }
        waiting.add(sighting);
        context.timerService().registerEventTimeTimer(due);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<Alert> out) throws Exception {
        long now = timestamp - lagMillis;
        Consumer<Alert> alerts = alert -> {
            alertCounters.get(alert.signal()).inc();
            out.collect(alert);
        };
        List<Sighting> due = new ArrayList<>();
        List<Sighting> later = new ArrayList<>();
        for (Sighting sighting : waiting.get()) {
            (sighting.timeMillis() <= now ? due : later).add(sighting);
        }
        if (!due.isEmpty()) {
            waiting.update(later);
            due.sort(Sighting.EVALUATION_ORDER);
        }
        Subject subject = Subject.ofKey(context.getCurrentKey());
        if (subject == Subject.USER) {
            evaluate(users, userSignals, subject, due, now, later.isEmpty(), alerts, context);
        } else {
            evaluate(shared, sharedSignals.get(subject), subject, due, now, later.isEmpty(), alerts, context);
        }
    }

    /** The due logins of one subject, in order, then what ends by now without them. */
    private <H extends History> void evaluate(
            ValueState<H> state,
            SubjectSignals<H> signals,
            Subject subject,
            List<Sighting> due,
            long now,
            boolean nothingWaiting,
            Consumer<Alert> alerts,
            OnTimerContext context)
            throws Exception {
        H history = state.value();
        long memory = rules.memoryMillis(subject);
        for (Sighting login : due) {
            if (history != null) {
                signals.closeEnded(history, login.timeMillis() - 1, alerts);
            }
            // Away for longer than its memory: forgotten, even if its state was not cleared yet (logins waited).
            if (history == null || login.timeMillis() - history.lastLoginMillis > memory) {
                history = signals.fresh();
            }
            signals.evaluate(history, login, alerts);
        }
        if (history == null) {
            return;
        }
        signals.closeEnded(history, now, alerts);
        if (keep(
                history,
                signals.episodeEndsAt(history),
                history.lastLoginMillis + memory,
                now,
                nothingWaiting,
                context)) {
            state.update(history);
        } else {
            state.clear();
        }
    }

    /**
     * Whether a subject's history is still worth keeping at this instant; if it is, makes sure a wake-up comes in
     * time for whatever can change next without a login: the end of the episode going on, or of the memory.
     */
    private boolean keep(
            History history,
            long episodeEndsAt,
            long forgottenAt,
            long now,
            boolean nothingWaiting,
            OnTimerContext context) {
        if (forgottenAt <= now && nothingWaiting && episodeEndsAt == Long.MAX_VALUE) {
            return false;
        }
        long next = Math.min(episodeEndsAt, forgottenAt > now ? forgottenAt : Long.MAX_VALUE);
        if (next != Long.MAX_VALUE && (history.wakeUpMillis <= now || history.wakeUpMillis > next)) {
            context.timerService().registerEventTimeTimer(next + lagMillis);
            history.wakeUpMillis = next;
        }
        return true;
    }
}
