package com.logininsights.properties;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.config.JobConfig;
import com.logininsights.config.JobFlags;
import com.logininsights.model.SourcePosition;
import com.logininsights.signals.Alert;
import com.logininsights.signals.EvaluateSignals;
import com.logininsights.signals.Sighting;
import com.logininsights.signals.SightingsOfLogin;
import com.logininsights.signals.SignalRules;
import com.logininsights.testing.Logins;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * The signals operator lets a login that cannot raise an alert wait for its subject's next wake-up instead of asking
 * for its own. That must change nothing a reader sees: against the operator that evaluates every login as soon as it
 * is due, fed the same logins in the same order, every watermark brings out the same alerts, and a restart in between
 * changes nothing either. The logins come from a small population that trips every signal now and then, arriving out
 * of order within the bound, with a few too late.
 */
class SignalDeferralProperties {
    private static final long BASE = 1_700_000_000_000L;
    private static final String[] FLAGS = {
        "--out-of-orderness", "5s",
        "--allowed-lateness", "2s",
        "--burst-logins", "3",
        "--burst-within", "30s",
        "--shared-device-users", "2",
        "--shared-ip-users", "3",
        "--shared-within", "1m",
        "--locale-hop-within", "1m",
        "--device-memory", "2m",
        "--max-episode", "1m",
        "--watched-locales", "KP",
        "--minimum-app-version", "2.10"
    };

    @Property(tries = 40)
    void deferringLoginsThatCannotAlertChangesNoAlertAndNoMomentOneIsWritten(@ForAll long seed) throws Exception {
        JobConfig config = JobFlags.parse(FLAGS, Map.of());
        SignalRules rules = SignalRules.of(config);
        Random random = new Random(seed);
        SightingsOfLogin split = new SightingsOfLogin(rules);
        var deferring = harness(new EvaluateSignals(rules, config.allowedLateness()));
        var reference = harness(EvaluateSignals.evaluatingEveryLoginWhenDue(rules, config.allowedLateness()));

        int restartAt = random.nextInt(400);
        long latest = BASE;
        int alerts = 0;
        int lateDeferring = 0;
        int lateReference = 0;
        for (int i = 0; i < 400; i++) {
            // Mostly forward in time, now and then back by up to the bound, and rarely far back: too late.
            long step = random.nextInt(10) < 8
                    ? random.nextInt(3_000)
                    : -random.nextInt(random.nextInt(20) == 0 ? 30_000 : 5_000);
            long time = Math.max(BASE, latest + step) / 1000 * 1000;
            latest = Math.max(latest, time);
            List<Sighting> sightings = new ArrayList<>();
            split.flatMap(login(random, i, time), new ListCollector<>(sightings));
            for (Sighting sighting : sightings) {
                deferring.processElement(new StreamRecord<>(sighting, time));
                reference.processElement(new StreamRecord<>(sighting, time));
            }
            if (random.nextInt(4) == 0) {
                long watermark = latest - 5_000;
                deferring.processWatermark(watermark);
                reference.processWatermark(watermark);
                alerts += assertSameAlerts(deferring, reference, seed, i);
            }
            if (i == restartAt) {
                lateDeferring += late(deferring);
                lateReference += late(reference);
                deferring = restarted(deferring, new EvaluateSignals(rules, config.allowedLateness()));
                reference = restarted(
                        reference, EvaluateSignals.evaluatingEveryLoginWhenDue(rules, config.allowedLateness()));
            }
        }
        deferring.processWatermark(Long.MAX_VALUE);
        reference.processWatermark(Long.MAX_VALUE);
        alerts += assertSameAlerts(deferring, reference, seed, 400);
        assertThat(lateDeferring + late(deferring)).isEqualTo(lateReference + late(reference));
        assertThat(alerts).as("alerts of seed %s", seed).isPositive();
        deferring.close();
        reference.close();
    }

    private static int late(KeyedOneInputStreamOperatorTestHarness<String, Sighting, Alert> harness) {
        var late = harness.getSideOutput(EvaluateSignals.LATE);
        return late == null ? 0 : late.size();
    }

    /**
     * Five users, each mostly on a device, locale, version and address of their own; now and then on shared ones. A
     * fifth of the logins are by newcomers, a new one every few logins, without a device id and in any locale: a user's
     * first logins wait together with nothing before them, and only their locales can raise an alert.
     */
    private static com.logininsights.model.LoginEvent login(Random random, int offset, long time) {
        String[] locales = {"TX", "RU", "KP"};
        SourcePosition source = new SourcePosition("user-login", 0, offset, time);
        if (random.nextInt(5) == 0) {
            String newcomer = "newcomer-" + offset / 8;
            return Logins.event(newcomer, "3.0", null, "10.0.1.1", locales[random.nextInt(3)], null, time, source);
        }
        int user = random.nextInt(5);
        boolean odd = random.nextInt(6) == 0;
        String[] versions = {"3.0", "2.9"};
        return Logins.event(
                "user-" + user,
                odd ? versions[random.nextInt(2)] : "3.0",
                null,
                odd ? "10.0.0." + random.nextInt(2) : "192.168.0." + user,
                odd ? locales[random.nextInt(3)] : "TX",
                odd ? "device-" + random.nextInt(8) : "device-" + user,
                time,
                source);
    }

    private static int assertSameAlerts(
            KeyedOneInputStreamOperatorTestHarness<String, Sighting, Alert> deferring,
            KeyedOneInputStreamOperatorTestHarness<String, Sighting, Alert> reference,
            long seed,
            int step) {
        // Within one watermark, subjects' timers may fire in another order: compared as sets per watermark.
        Comparator<Alert> order = Comparator.comparing(Alert::toString);
        List<Alert> got = deferring.extractOutputValues().stream().sorted(order).toList();
        List<Alert> expected =
                reference.extractOutputValues().stream().sorted(order).toList();
        deferring.getOutput().clear();
        reference.getOutput().clear();
        assertThat(got).as("alerts of seed %s by login %s", seed, step).isEqualTo(expected);
        return got.size();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Sighting, Alert> harness(EvaluateSignals signals)
            throws Exception {
        return harness(signals, null);
    }

    /** The operator in the keyed test harness, restored from a snapshot unless that is null. */
    private static KeyedOneInputStreamOperatorTestHarness<String, Sighting, Alert> harness(
            EvaluateSignals signals, OperatorSubtaskState restored) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(signals), Sighting::key, Types.STRING);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Sighting, Alert> restarted(
            KeyedOneInputStreamOperatorTestHarness<String, Sighting, Alert> running, EvaluateSignals signals)
            throws Exception {
        var snapshot = running.snapshot(1, 0);
        running.close();
        return harness(signals, snapshot);
    }
}
