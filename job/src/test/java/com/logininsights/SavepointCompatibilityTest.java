package com.logininsights;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.config.JobConfig;
import com.logininsights.config.JobFlags;
import com.logininsights.insights.Insight;
import com.logininsights.insights.WindowSummary;
import com.logininsights.model.DeadLetter;
import com.logininsights.model.LoginEvent;
import com.logininsights.parse.LoginRecordParser;
import com.logininsights.parse.ParserSettings;
import com.logininsights.parse.WallClock;
import com.logininsights.signals.Alert;
import com.logininsights.testing.CollectingSink;
import com.logininsights.testing.ScriptedSource;
import com.logininsights.testing.ScriptedSource.Line;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade with windows still open: a savepoint that a release took (a test resource, one folder per release)
 * restores into the build under test, and the windows then close with the figures worked out below. A change that
 * breaks the job's state (a serializer's format, an operator's uid, a state's name) fails here.
 *
 * <p>Times are seconds after 2023-09-12T00:45:00Z; windows are 10 s, out-of-orderness 2 s, allowed lateness an hour.
 * Before the savepoint, window 0 fired once (a, b, c) and kept its state for late events; window 20 (d, e) was
 * open. After it, f comes late to window 0 and g to window 20, and the input ends.
 *
 * <p>To cut the savepoint of a new release (when the state format changes, or at every release), run
 * {@code ./mvnw -B -ntp test -pl job -Dtest=SavepointCompatibilityTest
 * -Dlogininsights.cutSavepoint=$PWD/job/src/test/resources/savepoints/<release>} and add the folder to {@link
 * #RELEASES}: every savepoint kept there must go on restoring.
 *
 * <p>The signals' state has a scenario of its own, {@link #SIGNALS_BEFORE} and {@link #SIGNALS_AFTER}: when its format
 * changes, cut the savepoint of the build before the change the same way, with {@code
 * -Dtest=SavepointCompatibilityTest#cutTheSignalsSavepointOfThisBuild
 * -Dlogininsights.cutSignalsSavepoint=$PWD/job/src/test/resources/savepoints/signals-<commit>}, and add the folder to
 * {@link #SIGNALS_BUILDS}.
 */
class SavepointCompatibilityTest {
    /** The releases whose savepoints must restore, each a folder under src/test/resources/savepoints. */
    private static final List<String> RELEASES = List.of("0.2");

    private static final long BASE_SECONDS = 1_694_479_500L;
    private static final List<Line> BEFORE = List.of(
            login(0, 1, "a", "android", "TX"),
            login(1, 2, "b", "ios", "RU"),
            login(0, 3, "c", "android", "TX"),
            login(1, 21, "d", "ios", "VA"),
            login(0, 25, "e", "android", "TX"));
    private static final List<Line> AFTER = List.of(login(0, 5, "f", "android", "CA"), login(1, 26, "g", "ios", "TX"));
    private static final String[] WINDOW_FLAGS = {"--allowed-lateness", "1h"};

    /**
     * The signals' state of every build whose format is still read: a savepoint of each (a folder under
     * src/test/resources/savepoints) restores on the heap and in RocksDB, and the signals then go on as if nothing had
     * stopped. ca894a4 was the first build with the signals, before the waiting logins moved into the histories.
     */
    private static final List<String> SIGNALS_BUILDS = List.of("signals-ca894a4");

    private static final String[] SIGNAL_FLAGS = {"--allowed-lateness", "0s", "--shared-device-users", "2"};

    /**
     * Before the savepoint: u1 in TX on device D1; u2 and u3 on device X (two users, at the threshold); u5 hops from TX
     * to RU at 4 s, whose alert shows the signals had evaluated the early logins; u1 in RU at 26 s, without a device
     * id, still waiting for event time when the savepoint is taken (u4 holds partition 1 at 26 s too).
     */
    private static final List<Line> SIGNALS_BEFORE = List.of(
            sighting(0, 1, "u1", "D1", "TX"),
            sighting(1, 2, "u2", "X", "TX"),
            sighting(0, 3, "u3", "X", "TX"),
            sighting(1, 1, "u5", "D5", "TX"),
            sighting(1, 4, "u5", "D5", "RU"),
            sighting(1, 26, "u4", "D4", "TX"),
            sighting(0, 26, "u1", null, "RU"));

    /** After it: u1 on a new device, and a third user on device X. */
    private static final List<Line> SIGNALS_AFTER =
            List.of(sighting(0, 30, "u1", "D2", "RU"), sighting(1, 31, "u6", "X", "TX"));

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void everyReleasesSavepointRestoresAndItsOpenWindowsCloseWithTheRightFigures(@TempDir Path copies)
            throws Exception {
        for (String release : RELEASES) {
            Path savepoint = copyOf(Path.of("src/test/resources/savepoints", release), copies.resolve(release));
            Sinks sinks = new Sinks();
            StreamExecutionEnvironment env = environment(sinks, Boundedness.BOUNDED, both(), WINDOW_FLAGS);
            env.configure(savepointPath(savepoint));
            env.execute("restore the savepoint of " + release);

            // Only what came after the savepoint is new in the enriched stream.
            assertThat(sinks.enriched.received()).extracting(LoginEvent::userId).containsExactlyInAnyOrder("f", "g");
            // Window 0 fires again with the late f: a android TX, b ios RU, c android TX, f android CA.
            WindowSummary window0 = summary(sinks, 0);
            assertThat(window0.revision()).as("release %s", release).isEqualTo(1);
            assertThat(window0.logins()).isEqualTo(4);
            assertThat(window0.distinctUsers()).isEqualTo(4);
            assertThat(window0.deviceShare()).isEqualTo(Map.of("android", 0.75, "ios", 0.25));
            // Window 20 closes at the end of the input: d ios VA, e android TX, g ios TX.
            WindowSummary window20 = summary(sinks, 20);
            assertThat(window20.revision()).isZero();
            assertThat(window20.logins()).isEqualTo(3);
            assertThat(window20.distinctUsers()).isEqualTo(3);
            assertThat(window20.topLocales().get(0).locale()).isEqualTo("TX");
            assertThat(window20.topLocales().get(0).logins()).isEqualTo(2);
        }
    }

    /**
     * Each alert needs what was kept before the savepoint: u1's hop at 26 s its locale at 1 s and the login waiting at
     * the savepoint, its new device at 30 s the device seen at 1 s, and device X's third user the first two.
     */
    @Test
    void everySignalsSavepointRestoresAndTheSignalsGoOnFromIt(@TempDir Path copies) throws Exception {
        for (String build : SIGNALS_BUILDS) {
            for (String backend : List.of("hashmap", "rocksdb")) {
                Path savepoint =
                        copyOf(Path.of("src/test/resources/savepoints", build), copies.resolve(build + "-" + backend));
                Sinks sinks = new Sinks();
                List<Line> script = new ArrayList<>(SIGNALS_BEFORE);
                script.addAll(SIGNALS_AFTER);
                String[] flags = Stream.concat(Stream.of(SIGNAL_FLAGS), Stream.of("--state-backend", backend))
                        .toArray(String[]::new);
                StreamExecutionEnvironment env = environment(sinks, Boundedness.BOUNDED, script, flags);
                env.configure(savepointPath(savepoint));
                env.execute("restore the signals savepoint of " + build + " into " + backend);

                assertThat(sinks.alerts.received())
                        .as("alerts after restoring %s into %s", build, backend)
                        .extracting(alert -> alert.signal().signalName() + " " + alert.subject() + " at "
                                + (alert.eventTimeMillis() / 1000 - BASE_SECONDS))
                        .containsExactlyInAnyOrder(
                                "locale_hop u1 at 26", "new_device u1 at 30", "shared_device X at 31");
            }
        }
    }

    /** Not a test: cuts the signals' savepoint of this build when {@code logininsights.cutSignalsSavepoint} names its folder. */
    @Test
    @EnabledIfSystemProperty(named = "logininsights.cutSignalsSavepoint", matches = ".+")
    void cutTheSignalsSavepointOfThisBuild() throws Exception {
        Path target = Path.of(System.getProperty("logininsights.cutSignalsSavepoint"));
        Sinks sinks = new Sinks();
        JobClient job = runUntil(
                sinks,
                SIGNALS_BEFORE,
                SIGNAL_FLAGS,
                written -> !written.alerts.received().isEmpty());
        assertThat(sinks.alerts.received())
                .as("u5's hop, before the savepoint")
                .extracting(Alert::userId)
                .containsExactly("u5");
        stopWithSavepointInto(job, target);
        System.out.println("Savepoint written to " + target + "; add its folder to SIGNALS_BUILDS.");
    }

    /** Not a test: cuts a release's savepoint when {@code logininsights.cutSavepoint} names its folder. */
    @Test
    @EnabledIfSystemProperty(named = "logininsights.cutSavepoint", matches = ".+")
    void cutTheSavepointOfThisRelease() throws Exception {
        Path target = Path.of(System.getProperty("logininsights.cutSavepoint"));
        Sinks sinks = new Sinks();
        JobClient job = runUntil(
                sinks, BEFORE, WINDOW_FLAGS, written -> !summaries(written).isEmpty());
        assertThat(summary(sinks, 0).logins())
                .as("window 0 fired before the savepoint")
                .isEqualTo(3);
        stopWithSavepointInto(job, target);
        System.out.println("Savepoint written to " + target + "; add its folder to RELEASES.");
    }

    /** Starts the job on a script that never ends, and returns once what it wrote is ready (or after a minute). */
    private static JobClient runUntil(Sinks sinks, List<Line> script, String[] flags, Predicate<Sinks> ready)
            throws Exception {
        JobClient job = environment(sinks, Boundedness.CONTINUOUS_UNBOUNDED, script, flags)
                .executeAsync("cut a compatibility savepoint");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!ready.test(sinks) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return job;
    }

    private static void stopWithSavepointInto(JobClient job, Path target) throws Exception {
        Path staging = Files.createTempDirectory("savepoint");
        String written = job.stopWithSavepoint(false, staging.toUri().toString(), SavepointFormatType.CANONICAL)
                .get();
        Files.createDirectories(target);
        copyOf(Path.of(java.net.URI.create(written)), target);
    }

    private static StreamExecutionEnvironment environment(
            Sinks sinks, Boundedness boundedness, List<Line> script, String... flags) {
        List<String> all = new ArrayList<>(List.of(
                "--parallelism",
                "2",
                "--window",
                "10s",
                "--out-of-orderness",
                "2s",
                "--idleness",
                "1s",
                "--checkpoint-interval",
                "1s"));
        all.addAll(List.of(flags));
        JobConfig config = JobFlags.parse(all.toArray(String[]::new), Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LoginInsightsJob.configure(env, config);
        LoginRecordParser parser = new LoginRecordParser(ParserSettings.of(config), WallClock.SYSTEM);
        Topology.build(
                env,
                config,
                new ScriptedSource(script, parser, boundedness),
                new Topology.Sinks(sinks.enriched, sinks.deadLetters, sinks.insights, sinks.alerts));
        return env;
    }

    private static Configuration savepointPath(Path savepoint) {
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
        // A savepoint that does not restore fails the test at once, rather than after the job's restarts.
        restore.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return restore;
    }

    private static List<Line> both() {
        List<Line> script = new ArrayList<>(BEFORE);
        script.addAll(AFTER);
        return script;
    }

    private static List<WindowSummary> summaries(Sinks sinks) {
        return sinks.insights.received().stream()
                .map(Insight::summary)
                .filter(Objects::nonNull)
                .toList();
    }

    private static WindowSummary summary(Sinks sinks, int windowSecond) {
        return summaries(sinks).stream()
                .filter(s -> s.windowStartMillis() == (BASE_SECONDS + windowSecond) * 1000)
                .reduce((earlier, later) -> later)
                .orElseThrow(() -> new AssertionError("no summary of the window at " + windowSecond + " s"));
    }

    private static Line sighting(int partition, int second, String user, String deviceId, String locale) {
        String device = deviceId == null ? "" : "\"device_id\": \"" + deviceId + "\", ";
        String json = "{\"user_id\": \"" + user + "\", " + device + "\"locale\": \"" + locale
                + "\", \"app_version\": \"2.3.0\", \"timestamp\": " + (BASE_SECONDS + second) + "}";
        return new Line(partition, json.getBytes(StandardCharsets.UTF_8));
    }

    private static Line login(int partition, int second, String user, String device, String locale) {
        String json = "{\"user_id\": \"" + user + "\", \"device_type\": \"" + device + "\", \"locale\": \"" + locale
                + "\", \"app_version\": \"2.3.0\", \"timestamp\": " + (BASE_SECONDS + second) + "}";
        return new Line(partition, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Copies a savepoint folder; restoring never writes into a savepoint, but the resources stay untouched. */
    private static Path copyOf(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return to;
    }

    private static final class Sinks {
        final CollectingSink<LoginEvent> enriched = new CollectingSink<>();
        final CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        final CollectingSink<Insight> insights = new CollectingSink<>();
        final CollectingSink<Alert> alerts = new CollectingSink<>();
    }
}
