package com.logininsights.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.common.broker.LocalKafkaBroker;
import com.logininsights.tools.Checkout;
import com.logininsights.tools.bench.contenders.Contender;
import com.logininsights.tools.bench.contenders.JobVariant;
import com.logininsights.tools.bench.measure.BenchAdmin;
import com.logininsights.tools.bench.measure.Preloader;
import com.logininsights.tools.bench.measure.Progress;
import com.logininsights.tools.bench.measure.RunMeasurement;
import com.logininsights.tools.bench.measure.ThroughputRun;
import com.logininsights.tools.bench.measure.WindowFigures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flink SQL peer computes what login-insights computes: on the same valid records (the SQL peer's json format
 * cannot reject what login-insights rejects), both count the same logins per window and per device type and
 * locale, and the same distinct users where login-insights' sketches are exact.
 */
class SqlPeerFiguresIT {
    private static final long RECORDS = 4_000;
    /** 25 records a second of event time: 160 s, so three or four windows of a minute. */
    private static final int EVENT_RATE = 25;
    /** login-insights' HyperLogLog sketches count exactly up to this many users, and estimate above it. */
    private static final long EXACT_USERS = 384;

    @Test
    void onValidRecordsTheSqlPeerCountsWhatLoginInsightsCountsWindowByWindow(@TempDir Path dir) throws Exception {
        Path repository = Checkout.root();
        Progress progress = new Progress(System.out, false);
        String classpath = System.getProperty("java.class.path");
        try (LocalKafkaBroker broker =
                        LocalKafkaBroker.builder(dir.resolve("broker")).build();
                BenchAdmin admin = new BenchAdmin(broker.bootstrapServers())) {
            broker.start();
            progress.done("broker up");
            admin.create(Benchmark.INPUT_TOPIC, 4);
            Preloader.Loaded loaded = Preloader.preload(
                    broker.bootstrapServers(), Benchmark.INPUT_TOPIC, 4, RECORDS, 7, 0.0, EVENT_RATE, progress);
            progress.done("preloaded in " + loaded.took().toMillis() + " ms");
            Contender.Launch launch = new Contender.Launch(
                    broker.bootstrapServers(),
                    classpath,
                    JobVariant.a(Optional.of(repository.resolve(JobVariant.DEFAULT_JAR)), List.of()),
                    Optional.empty(),
                    repository.resolve(Contender.SQL_PEER_JAR),
                    Map.of(),
                    Optional.empty());
            ThroughputRun runs = new ThroughputRun(launch, admin, Benchmark.INPUT_TOPIC, loaded, 4, dir, progress);

            RunMeasurement sql = runs.measure(Contender.FLINK_SQL, 1, "[sql]");
            progress.done("SQL peer: whole run " + sql.wholeRunSeconds() + " s");
            RunMeasurement ours = runs.measure(Contender.loginInsights(true, 1), 1, "[login-insights]");
            progress.done("login-insights: whole run " + ours.wholeRunSeconds() + " s");

            assertThat(sql.failure()).isEmpty();
            assertThat(ours.failure()).isEmpty();
            assertThat(sql.output().records()).as("every valid record written").isEqualTo(RECORDS);
            WindowFigures sqlFigures = sql.figures().orElseThrow();
            WindowFigures ourFigures = ours.figures().orElseThrow();
            assertThat(ourFigures.loginsPerWindow()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(ourFigures.loginsPerWindow().values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isEqualTo(RECORDS);
            assertThat(sqlFigures.logins()).isEqualTo(ourFigures.logins());
            ourFigures.figures().forEach((key, counts) -> {
                long exact = sqlFigures.figures().get(key).distinctUsers();
                if (exact <= EXACT_USERS) {
                    assertThat(counts.distinctUsers())
                            .as("distinct users of %s", key)
                            .isEqualTo(exact);
                } else {
                    // The sketches' standard error is 1.6%: five percent is three of them.
                    assertThat((double) counts.distinctUsers())
                            .as("distinct users of %s", key)
                            .isBetween(exact * 0.95, exact * 1.05);
                }
            });
        }
    }
}
