package com.logininsights.tools.playground;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.logininsights.common.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole playground until it has shown two windows: a real broker from the Kafka jars, the generator and the
 * job in its MiniCluster, each its own process. The insights must make sense, and every process must be gone
 * afterwards.
 */
class PlaygroundSmokeIT {
    private static final Set<String> REASONS = Set.of(
            "empty",
            "too_large",
            "not_utf8",
            "not_json",
            "not_object",
            "duplicate_field",
            "missing_user_id",
            "missing_timestamp",
            "wrong_type",
            "bad_timestamp",
            "timestamp_in_future");

    @Test
    void insightsComeOutAndEverythingStopsAfterwards(@TempDir Path dataDir) throws Exception {
        int brokerPort = Ports.freePair();
        PlaygroundConfig config = new PlaygroundConfig(
                Optional.empty(),
                brokerPort,
                dataDir,
                false,
                Duration.ofSeconds(5),
                Duration.ofSeconds(2),
                "200",
                0.1,
                Ports.freeOtherThan(brokerPort, brokerPort + 1),
                Optional.of(Duration.ofSeconds(90)),
                false);
        Playground.Result result;
        String shown;
        try (RunningPlayground playground = new RunningPlayground(config)) {
            // Stopped as Ctrl-C would, once two windows are on the screen (the duration is only a bound).
            playground.awaitWindows(2, Duration.ofSeconds(90));
            result = playground.stop();
            shown = playground.screen();
        }

        assertThat(result.exitCode()).as(shown).isZero();
        assertThat(result.summaries()).as("windows closed; screen:%n%s", shown).hasSizeGreaterThanOrEqualTo(2);
        for (JsonNode summary : result.summaries()) {
            long logins = summary.get("logins").asLong();
            assertThat(logins).isPositive();
            // An HLL estimate above 384 users, with a standard error of 1.6% (five percent is three of them): it may
            // exceed the logins, since the generator's users log in in rounds and nearly every login is another user's.
            assertThat(summary.get("distinct_users").asLong()).isBetween(1L, Math.round(logins * 1.05));
            assertThat(summary.get("records_with_missing_fields").asLong()).isBetween(0L, logins);
            double shares = 0;
            for (JsonNode share : summary.get("device_share")) {
                shares += share.asDouble();
            }
            assertThat(shares).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.001));
            long topLocaleLogins = 0;
            for (JsonNode locale : summary.get("top_locales")) {
                topLocaleLogins += locale.get("logins").asLong();
            }
            assertThat(summary.get("top_locales").size()).isBetween(1, 5);
            assertThat(topLocaleLogins).isBetween(1L, logins);
        }
        assertThat(result.deadLettersByReason()).isNotEmpty();
        assertThat(REASONS).containsAll(result.deadLettersByReason().keySet());
        assertThat(shown).contains("top locales", "dead letters", "Stopping:");

        assertThat(result.pids()).hasSize(3);
        for (long pid : result.pids()) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("pid %d alive", pid)
                    .isFalse();
        }
    }
}
