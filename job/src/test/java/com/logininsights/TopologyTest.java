package com.logininsights;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.common.Signal;
import com.logininsights.config.JobConfig;
import com.logininsights.config.JobFlags;
import com.logininsights.insights.DimensionInsight;
import com.logininsights.insights.DimensionLimits;
import com.logininsights.insights.Insight;
import com.logininsights.insights.LateEvent;
import com.logininsights.insights.LocaleCount;
import com.logininsights.insights.WindowSummary;
import com.logininsights.model.DeadLetter;
import com.logininsights.model.LoginEvent;
import com.logininsights.model.LoginField;
import com.logininsights.parse.LoginRecordParser;
import com.logininsights.parse.ParserSettings;
import com.logininsights.parse.WallClock;
import com.logininsights.signals.Alert;
import com.logininsights.testing.CollectingSink;
import com.logininsights.testing.LateRecordsDropped;
import com.logininsights.testing.Sample;
import com.logininsights.testing.ScriptedSource;
import com.logininsights.testing.ScriptedSource.Line;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real topology on a Flink MiniCluster, with a scripted in-memory source and collecting sinks instead of Kafka:
 * what the job makes of a given input, checked against figures worked out by hand. (What only Kafka can prove,
 * transactions, offsets and exactly-once under failures, is for the integration tests.) Times are seconds after
 * {@link #BASE}, a window-aligned instant an hour ago; windows are 1 minute.
 */
class TopologyTest {
    private static final long BASE = (System.currentTimeMillis() / 60_000 - 60) * 60_000;
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .build());

    /** What one run wrote to each of its sinks. */
    private record Outputs(
            List<LoginEvent> enriched,
            List<DeadLetter> deadLetters,
            List<Insight> insights,
            List<Alert> alerts,
            JobID job) {
        List<WindowSummary> summaries() {
            return insights.stream()
                    .map(Insight::summary)
                    .filter(Objects::nonNull)
                    .toList();
        }

        WindowSummary summaryOf(int windowSecond) {
            return summaries().stream()
                    .filter(s -> s.windowStartMillis() == BASE + windowSecond * 1000L)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no summary of the window at " + windowSecond + " s"));
        }

        List<DimensionInsight> rows() {
            return insights.stream()
                    .map(Insight::dimension)
                    .filter(Objects::nonNull)
                    .toList();
        }

        List<LateEvent> lateEvents() {
            return insights.stream()
                    .map(Insight::lateEvent)
                    .filter(Objects::nonNull)
                    .toList();
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2, 4})
    void everyRecordEndsInExactlyOnePlaceAndTheWindowsAddUp(int parallelism) throws Exception {
        List<Line> script = new ArrayList<>();
        // Window 0, over two partitions, by hand: a TX android twice, b TX ios, c RU android, d RU (no device),
        // e VA ios. 6 logins, 5 users; android 3, ios 2, unknown 1; TX 3 logins by 2 users, RU 2, VA 1.
        script.add(login(0, 5, "a", "android", "TX"));
        script.add(login(1, 8, "b", "iOS", "tx"));
        script.add(login(0, 12, "a", "android", "TX"));
        script.add(login(1, 20, "c", "android", "RU"));
        script.add(login(0, 31, "d", null, "RU"));
        script.add(login(1, 47, "e", "ios", "VA"));
        // Window 60: b CA ios, f CA android. Every broken sample as well, a dead letter each.
        script.add(login(0, 61, "b", "ios", "CA"));
        script.add(login(1, 75, "f", "android", "CA"));
        List<Sample> broken = Sample.all().stream().filter(s -> !s.valid()).toList();
        for (int i = 0; i < broken.size(); i++) {
            script.add(new Line(i % 2, broken.get(i).value()));
        }

        Outputs out = run(config("--parallelism", String.valueOf(parallelism)), script);

        assertThat(out.enriched()).hasSize(8);
        assertThat(out.deadLetters())
                .extracting(DeadLetter::reason)
                .containsExactlyInAnyOrderElementsOf(
                        broken.stream().map(Sample::expectedReason).toList());
        Map<String, Integer> timesWritten = new HashMap<>();
        out.enriched().forEach(e -> timesWritten.merge(e.source().id(), 1, Integer::sum));
        out.deadLetters().forEach(d -> timesWritten.merge(d.source().id(), 1, Integer::sum));
        assertThat(timesWritten).hasSize(script.size());
        assertThat(timesWritten.values()).containsOnly(1);

        WindowSummary window0 = out.summaryOf(0);
        assertThat(window0.logins()).isEqualTo(6);
        assertThat(window0.distinctUsers()).isEqualTo(5);
        assertThat(window0.recordsWithMissingFields()).isEqualTo(6); // every scripted login lacks app_version
        assertThat(window0.deviceShare()).isEqualTo(Map.of("android", 0.5, "ios", 0.3333, "unknown", 0.1667));
        assertThat(window0.topLocales())
                .containsExactly(new LocaleCount("TX", 3, 2), new LocaleCount("RU", 2, 2), new LocaleCount("VA", 1, 1));
        WindowSummary window60 = out.summaryOf(60);
        assertThat(window60.logins()).isEqualTo(2);
        assertThat(window60.topLocales()).containsExactly(new LocaleCount("CA", 2, 2));
        assertThat(out.summaries()).hasSize(2);
        assertThat(out.lateEvents()).isEmpty();
    }

    @Test
    void anEventAfterItsWindowClosedIsInTheEnrichedStreamAndALateEventButInNoWindow() throws Exception {
        // One partition, in this order: 10 s and 20 s in window 0; 130 s moves event time to 125 s and closes
        // window 0 and 60 (empty); then 30 s comes, too late for window 0.
        List<Line> script = List.of(
                login(0, 10, "a", "android", "TX"),
                login(0, 20, "b", "android", "TX"),
                login(0, 130, "c", "ios", "RU"),
                login(0, 30, "late", "ios", "RU"));
        // Read 600 ms apart, past the partition's 1 s warm-up and the 200 ms watermark interval, so that event time
        // has moved on before the late one is read.
        Outputs out = run(config("--parallelism", "1", "--out-of-orderness", "5s", "--idleness", "1s"), script, 600);

        assertThat(out.enriched()).extracting(LoginEvent::userId).containsExactly("a", "b", "c", "late");
        assertThat(out.summaryOf(0).logins()).isEqualTo(2);
        assertThat(out.summaryOf(120).logins()).isEqualTo(1);
        assertThat(out.lateEvents()).singleElement().satisfies(late -> {
            assertThat(late.event().userId()).isEqualTo("late");
            assertThat(late.windowStartMillis()).isEqualTo(BASE);
            assertThat(late.windowEndMillis()).isEqualTo(BASE + 60_000);
        });
    }

    /** The record of the 2026-11-29 report: 44 KB of emoji as a locale put the job in a restart loop. */
    @Test
    void aFloodOfAbsurdLocalesIsCountedAndTheJobCarriesOn() throws Exception {
        List<Line> script = new ArrayList<>();
        script.add(login(0, 1, "emoji", "ios", "🙂".repeat(10_923)));
        for (int i = 0; i < 300; i++) {
            script.add(login(i % 2, 2 + i % 50, "user-" + i, "android", "L" + i));
        }

        Outputs out = run(config("--parallelism", "2"), script);

        // 301 logins; 256 locales keep a row, and the other 44 short ones and the emoji one count as other.
        assertThat(out.summaryOf(0).logins()).isEqualTo(301);
        Map<String, Long> locales = out.rows().stream()
                .filter(row -> row.dimension().fieldName().equals("locale"))
                .collect(Collectors.toMap(DimensionInsight::value, DimensionInsight::logins));
        assertThat(locales).hasSize(257).containsEntry(DimensionLimits.OTHER, 45L);
        assertThat(locales.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(301);
        assertThat(out.enriched())
                .anySatisfy(e -> assertThat(e.text(LoginField.LOCALE)).hasSize(2 * 10_923));
    }

    @Test
    void theSignalsAlertOnceEachOnTheRealTopologyAndCountTheirAlerts() throws Exception {
        // a logs in from TX on d1, then from RU on d2 a quarter of a minute later, on the other partition: a new device
        // and a locale hop. b logs in from KP, a watched locale, twice: one episode.
        List<Line> script = List.of(
                line(
                        0,
                        "{\"user_id\":\"a\",\"device_id\":\"d1\",\"locale\":\"TX\",\"timestamp\":" + (BASE / 1000 + 5)
                                + "}"),
                line(
                        1,
                        "{\"user_id\":\"a\",\"device_id\":\"d2\",\"locale\":\"RU\",\"timestamp\":" + (BASE / 1000 + 20)
                                + "}"),
                line(0, "{\"user_id\":\"b\",\"locale\":\"kp\",\"timestamp\":" + (BASE / 1000 + 30) + "}"),
                line(1, "{\"user_id\":\"b\",\"locale\":\"KP\",\"timestamp\":" + (BASE / 1000 + 70) + "}"));

        Outputs out = run(config("--parallelism", "2", "--watched-locales", "KP"), script);

        assertThat(out.alerts())
                .extracting(alert -> alert.signal().signalName() + " " + alert.subject())
                .containsExactlyInAnyOrder("new_device a", "locale_hop a", "watched_locale b");
        Map<String, Long> counted = new TreeMap<>();
        METRICS.findJobMetricGroups(out.job(), "alerts")
                .forEach(found -> counted.merge(
                        found.f0.getAllVariables().getOrDefault("<signal>", found.f0.getMetricIdentifier(found.f1)),
                        ((Counter) found.f2).getCount(),
                        Long::sum));
        assertThat(counted)
                .as("every signal's counter, in the signals operator")
                .containsOnlyKeys(
                        Arrays.stream(Signal.values()).map(Signal::signalName).toList())
                .containsEntry("new_device", 1L)
                .containsEntry("locale_hop", 1L)
                .containsEntry("watched_locale", 1L)
                .containsEntry("burst", 0L);
    }

    private static Line line(int partition, String json) {
        return new Line(partition, json.getBytes(StandardCharsets.UTF_8));
    }

    static JobConfig config(String... flags) {
        List<String> args = new ArrayList<>(List.of("--checkpoint-interval", "1s"));
        args.addAll(List.of(flags));
        return JobFlags.parse(args.toArray(String[]::new), Map.of());
    }

    static Line login(int partition, int second, String user, String device, String locale) {
        String deviceField = device == null ? "" : "\"device_type\": \"" + device + "\", ";
        String json = "{\"user_id\": \"" + user + "\", " + deviceField + "\"locale\": \"" + locale
                + "\", \"ip\": \"1.2.3.4\", \"device_id\": \"d\", \"timestamp\": " + (BASE / 1000 + second) + "}";
        return new Line(partition, json.getBytes(StandardCharsets.UTF_8));
    }

    private Outputs run(JobConfig config, List<Line> script) throws Exception {
        return run(config, script, 0);
    }

    private Outputs run(JobConfig config, List<Line> script, long millisBetweenRecords) throws Exception {
        CollectingSink<LoginEvent> enriched = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        CollectingSink<Insight> insights = new CollectingSink<>();
        CollectingSink<Alert> alerts = new CollectingSink<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LoginInsightsJob.configure(env, config);
        LoginRecordParser parser = new LoginRecordParser(ParserSettings.of(config), WallClock.SYSTEM);
        Topology.build(
                env,
                config,
                new ScriptedSource(script, parser, Boundedness.BOUNDED, millisBetweenRecords),
                new Topology.Sinks(enriched, deadLetters, insights, alerts));
        JobExecutionResult result = env.execute("topology test");
        assertThat(LateRecordsDropped.byOperator(METRICS, result.getJobID()))
                .as("records a window operator dropped as late")
                .isNotEmpty()
                .allSatisfy(
                        (operator, dropped) -> assertThat(dropped).as(operator).isZero());
        return new Outputs(
                enriched.received(), deadLetters.received(), insights.received(), alerts.received(), result.getJobID());
    }
}
