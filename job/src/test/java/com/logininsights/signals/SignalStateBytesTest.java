package com.logininsights.signals;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.config.JobConfig;
import com.logininsights.config.JobFlags;
import com.logininsights.model.SourcePosition;
import com.logininsights.testing.Logins;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What one subject costs in a checkpoint, per kind, measured the way the README's state figures are explained: 2,000
 * users log in three times each, 20 s apart, each with a device of their own and a new address every login (as our
 * generator does), and the signals operator's checkpoint is divided by its keys. The bounds are a little above what
 * it measured (user 269, device 200, address 162 bytes, a timer included), so that a format that grows is noticed.
 */
class SignalStateBytesTest {
    private static final int USERS = 2_000;

    @ParameterizedTest(name = "{0}: at most {1} bytes per subject")
    @CsvSource(
            delimiter = ';',
            value = {"new_device,locale_hop,burst; 290", "shared_device; 220", "shared_ip; 180"})
    void aSubjectCostsAboutAsMuchAsTheReadmeSays(String signals, int atMost) throws Exception {
        JobConfig config = JobFlags.parse(new String[] {"--signals", signals}, Map.of());
        SignalRules rules = SignalRules.of(config);
        SightingsOfLogin split = new SightingsOfLogin(rules);
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new EvaluateSignals(rules, config.allowedLateness())),
                Sighting::key,
                Types.STRING);
        harness.open();
        Random random = new Random(7);
        long base = 1_700_000_000_000L;
        long time = base;
        for (int i = 0; i < USERS * 3; i++) {
            // 100 logins per second of event time, so that each user logs in every 20 s.
            time = base + i / 100 * 1000L;
            int user = i % USERS;
            String ip = random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + random.nextInt(256);
            List<Sighting> sightings = new ArrayList<>();
            split.flatMap(
                    Logins.event(
                            new UUID(42, user).toString(),
                            "2.3.0",
                            "android",
                            ip,
                            "RU",
                            String.format("%03d-%02d-%04d", user / 1_000_000, user / 10_000 % 100, user % 10_000),
                            time,
                            new SourcePosition("user-login", i % 4, 1_000_000L + i, time)),
                    new ListCollector<>(sightings));
            for (Sighting sighting : sightings) {
                harness.processElement(new StreamRecord<>(sighting, time));
            }
            if (i % 100 == 0) {
                harness.processWatermark(time - 5_000);
            }
        }
        // Every login evaluated, nothing forgotten yet.
        harness.processWatermark(time + 60_000);

        long bytes = harness.snapshot(1, 0).getStateSize();
        int subjects = harness.numKeyedStateEntries();
        harness.close();

        assertThat(subjects).isEqualTo(signals.equals("shared_ip") ? USERS * 3 : USERS);
        assertThat(bytes / subjects)
                .as("checkpoint bytes per subject, %,d bytes in all", bytes)
                .isLessThanOrEqualTo(atMost);
    }
}
