package com.logininsights.properties;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.LoginInsightsJob;
import com.logininsights.Topology;
import com.logininsights.config.JobConfig;
import com.logininsights.config.JobFlags;
import com.logininsights.insights.Insight;
import com.logininsights.model.DeadLetter;
import com.logininsights.model.LoginEvent;
import com.logininsights.model.SourcePosition;
import com.logininsights.parse.LoginRecordParser;
import com.logininsights.parse.ParserSettings;
import com.logininsights.parse.WallClock;
import com.logininsights.signals.Alert;
import com.logininsights.testing.CollectingSink;
import com.logininsights.testing.ScriptedSource;
import com.logininsights.testing.ScriptedSource.Line;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.util.MiniClusterWithClientResource;

/**
 * The signals' promise: the same logins give the same alerts whatever order they arrive in within the
 * out-of-orderness bound, at parallelism 1, 2 and 4. Each try makes a small population that trips every signal
 * (low thresholds, few devices and addresses), then runs the real topology three times, each time with the logins of
 * each partition in another order within the bound. A login's source offset changes with its place, so alerts are
 * compared by the login that fired them.
 */
class SignalDeterminismProperties {
    private static final long BASE_SECONDS = System.currentTimeMillis() / 60_000 * 60 - 3600;
    private static final int OUT_OF_ORDERNESS_SECONDS = 5;
    private static final String[] FLAGS = {
        "--out-of-orderness", OUT_OF_ORDERNESS_SECONDS + "s",
        "--window", "1m",
        "--checkpoint-interval", "1s",
        "--burst-logins", "3",
        "--burst-within", "30s",
        "--shared-device-users", "2",
        "--shared-ip-users", "2",
        "--shared-within", "1m",
        "--locale-hop-within", "1m",
        "--max-episode", "1m",
        "--watched-locales", "KP",
        "--minimum-app-version", "2.10"
    };

    private static MiniClusterWithClientResource flink;

    @BeforeContainer
    static void startFlink() throws Exception {
        flink = new MiniClusterWithClientResource(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(4)
                .build());
        flink.before();
    }

    @AfterContainer
    static void stopFlink() {
        flink.after();
    }

    /** One login of the population: who, when, from where; its partition stays the same in every run. */
    private record Login(
            int id, int partition, String user, int second, String device, String locale, String version, String ip) {
        Line line() {
            String json = "{\"user_id\":\"" + user + "\",\"device_id\":\"" + device + "\",\"locale\":\"" + locale
                    + "\",\"app_version\":\"" + version + "\",\"ip\":\"" + ip + "\",\"timestamp\":"
                    + (BASE_SECONDS + second) + "}";
            return new Line(partition, json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An alert with the login that fired it in place of its source offset. */
    private record Fired(Alert alert, int loginId) {
        String sortKey() {
            return alert.signal() + "/" + alert.subject() + "/" + alert.eventTimeMillis() + "/" + loginId;
        }
    }

    @Property(tries = 3)
    void theSameLoginsGiveTheSameAlertsWhateverTheArrivalOrderAndParallelism(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        List<Login> population = population(random);

        List<Fired> atParallelism1 = run(population, 1, random);
        List<Fired> atParallelism2 = run(population, 2, random);
        List<Fired> atParallelism4 = run(population, 4, random);

        assertThat(atParallelism1).as("alerts of population %s", seed).isNotEmpty();
        assertThat(atParallelism2).isEqualTo(atParallelism1);
        assertThat(atParallelism4).isEqualTo(atParallelism1);
    }

    /**
     * 60 to 120 logins over five minutes by six users, each on a device and an address of their own most of the
     * time, and on one of two shared ones otherwise; a user logs in at most once a second.
     */
    private static List<Login> population(Random random) {
        String[] locales = {"TX", "TX", "TX", "RU", "KP"};
        String[] versions = {"3.0", "3.0", "2.10.1", "2.9"};
        Set<String> userSeconds = new HashSet<>();
        List<Login> logins = new ArrayList<>();
        int size = 60 + random.nextInt(61);
        while (logins.size() < size) {
            int user = random.nextInt(6);
            // Bursty: half the logins near one of the user's own busy moments.
            int second = random.nextBoolean() ? random.nextInt(300) : user * 40 + random.nextInt(20);
            if (!userSeconds.add(user + "/" + second)) {
                continue;
            }
            boolean shared = random.nextInt(4) == 0;
            logins.add(new Login(
                    logins.size(),
                    random.nextInt(2),
                    "user-" + user,
                    second,
                    shared ? "shared-device-" + random.nextInt(2) : "device-" + user + "-" + random.nextInt(2),
                    locales[random.nextInt(locales.length)],
                    versions[random.nextInt(versions.length)],
                    shared ? "10.0.0." + random.nextInt(2) : "192.168.0." + user));
        }
        return logins;
    }

    /**
     * Each partition's logins in time order, each moved by up to the out-of-orderness bound: a login then never
     * arrives after one more than the bound later than itself, so none is late.
     */
    private static List<Fired> run(List<Login> population, int parallelism, Random random) throws Exception {
        Map<Login, Double> arrival = new HashMap<>();
        population.forEach(
                login -> arrival.put(login, login.second() + random.nextDouble() * OUT_OF_ORDERNESS_SECONDS));
        List<Login> order = new ArrayList<>(population);
        order.sort(Comparator.comparing(arrival::get));

        Map<String, Integer> loginAt = new HashMap<>();
        int[] next = new int[2];
        List<Line> script = new ArrayList<>();
        for (Login login : order) {
            loginAt.put(login.partition() + "/" + next[login.partition()]++, login.id());
            script.add(login.line());
        }

        List<String> flags = new ArrayList<>(List.of(FLAGS));
        flags.addAll(List.of("--parallelism", String.valueOf(parallelism)));
        JobConfig config = JobFlags.parse(flags.toArray(String[]::new), Map.of());
        CollectingSink<Alert> alerts = new CollectingSink<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LoginInsightsJob.configure(env, config);
        Topology.build(
                env,
                config,
                new ScriptedSource(
                        script,
                        new LoginRecordParser(ParserSettings.of(config), WallClock.SYSTEM),
                        Boundedness.BOUNDED),
                new Topology.Sinks(
                        new CollectingSink<LoginEvent>(),
                        new CollectingSink<DeadLetter>(),
                        new CollectingSink<Insight>(),
                        alerts));
        env.execute("signals at parallelism " + parallelism);

        return alerts.received().stream()
                .map(alert -> {
                    SourcePosition source = alert.source();
                    int id = loginAt.get(source.partition() + "/" + source.offset());
                    return new Fired(
                            new Alert(
                                    alert.signal(),
                                    alert.subject(),
                                    alert.userId(),
                                    alert.eventTimeMillis(),
                                    new SourcePosition("", 0, 0, 0),
                                    alert.evidence()),
                            id);
                })
                .sorted(Comparator.comparing(Fired::sortKey))
                .toList();
    }
}
