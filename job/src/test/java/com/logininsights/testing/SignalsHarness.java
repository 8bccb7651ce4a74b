package com.logininsights.testing;

import com.logininsights.config.JobFlags;
import com.logininsights.model.SourcePosition;
import com.logininsights.signals.Alert;
import com.logininsights.signals.EvaluateSignals;
import com.logininsights.signals.Sighting;
import com.logininsights.signals.SightingsOfLogin;
import com.logininsights.signals.SignalRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;

/**
 * The signals operator as the job builds it, with the job's own flags, in Flink's keyed operator test harness: logins
 * (split into sightings as the job splits them), watermarks and restarts one at a time, with the operator's real
 * state and timers. Times are whole seconds after {@link #BASE}.
 */
public final class SignalsHarness implements AutoCloseable {
    public static final long BASE = 1_700_000_000_000L;

    private final SightingsOfLogin sightings;
    private final EvaluateSignals signals;
    private KeyedOneInputStreamOperatorTestHarness<String, Sighting, Alert> harness;
    private long offset;

    private SignalsHarness(SignalRules rules, String[] flags) throws Exception {
        var config = JobFlags.parse(flags, Map.of());
        this.sightings = new SightingsOfLogin(rules);
        this.signals = new EvaluateSignals(rules, config.allowedLateness());
        this.harness = open(null);
    }

    /** The operator as {@code flags} set it up (the job's defaults for the rest). */
    public static SignalsHarness withFlags(String... flags) throws Exception {
        return new SignalsHarness(SignalRules.of(JobFlags.parse(flags, Map.of())), flags);
    }

    private KeyedOneInputStreamOperatorTestHarness<String, Sighting, Alert> open(OperatorSubtaskState restored)
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Sighting, Alert> opened =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(signals), Sighting::key, Types.STRING);
        if (restored != null) {
            opened.initializeState(restored);
        }
        opened.open();
        return opened;
    }

    /** A login; any of device, locale, version and ip may be null. Its source offset counts up from 0. */
    public void login(String user, double second, String device, String locale, String version, String ip)
            throws Exception {
        long time = BASE + Math.round(second * 1000);
        var event = Logins.event(
                user, version, null, ip, locale, device, time, new SourcePosition("user-login", 0, offset++, time));
        Queue queue = new Queue();
        sightings.flatMap(event, queue);
        for (Sighting sighting : queue.items) {
            harness.processElement(new StreamRecord<>(sighting, time));
        }
    }

    /** Event time reaches this second. */
    public void watermark(double second) throws Exception {
        harness.processWatermark(BASE + Math.round(second * 1000));
    }

    /** A checkpoint, then a new operator restored from it, as after a failure or from a savepoint. */
    public void restart() throws Exception {
        OperatorSubtaskState snapshot = harness.snapshot(1, 0);
        harness.close();
        harness = open(snapshot);
    }

    /** The alerts written so far, in order, and forgets them. */
    public List<Alert> alerts() {
        List<Alert> alerts = new ArrayList<>(harness.extractOutputValues());
        harness.getOutput().clear();
        return alerts;
    }

    public List<Sighting> late() {
        ConcurrentLinkedQueue<StreamRecord<Sighting>> late = harness.getSideOutput(EvaluateSignals.LATE);
        return late == null
                ? List.of()
                : late.stream().map(StreamRecord::getValue).toList();
    }

    /** Keys with any keyed state (waiting sightings or a history). */
    public int keysWithState() {
        return harness.numKeyedStateEntries();
    }

    public int timers() {
        return harness.numEventTimeTimers();
    }

    public static long at(double second) {
        return BASE + Math.round(second * 1000);
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }

    private static final class Queue implements Collector<Sighting> {
        final List<Sighting> items = new ArrayList<>();

        @Override
        public void collect(Sighting record) {
            items.add(record);
        }

        @Override
        public void close() {}
    }
}
