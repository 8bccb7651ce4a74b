package com.logininsights.tools.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What issue 20's signals, at its defaults ({@link SignalOracle}), make of the generator's stream: nothing in the
 * background, and exactly the ground truth's alerts once incidents are injected, each fired by one of the logins
 * the ground truth names.
 */
class SignalsOfTheStreamTest {
    private static final Duration JITTER = Duration.ofSeconds(2);
    private static final List<String> WATCHED = List.of("RU", "TX");
    private static final AppVersion MINIMUM = AppVersion.parse("2.2.0");
    private static final RecordMix MIX = new RecordMix(0.03, 0.04, JITTER, 20_000, WATCHED, Optional.of(MINIMUM));

    @Test
    void theBackgroundRaisesNoAlert() {
        // 20,000 users at 1,000 records/s: each logs in every 20 s, at most 5 times in any minute.
        ScheduledRun run = ScheduledRun.of(21, MIX, IncidentMix.NONE, 150_000, 1_000);

        assertThat(SignalOracle.alertsFor(run.records, Set.copyOf(WATCHED), MINIMUM))
                .isEmpty();
    }

    @Test
    void aPoolTooSmallForTheRateLooksLikeBursts() {
        RecordMix few = new RecordMix(0.03, 0.04, JITTER, 500, WATCHED, Optional.of(MINIMUM));
        ScheduledRun run = ScheduledRun.of(22, few, IncidentMix.NONE, 60_000, 1_000);

        List<SignalOracle.Alert> alerts = SignalOracle.alertsFor(run.records, Set.copyOf(WATCHED), MINIMUM);
        assertThat(SignalOracle.bySignal(alerts)).containsOnlyKeys("burst");
        assertThat(UserPool.mostLoginsWithin(Duration.ofMinutes(1), 500, 1_000, JITTER))
                .isGreaterThan(10);
    }

    @Test
    void everyIncidentRaisesExactlyTheAlertsOfItsGroundTruthAndNothingElseDoes() {
        IncidentMix all = new IncidentMix(List.of(IncidentKind.values()), Duration.ofSeconds(5), 20, 30);
        ScheduledRun run = ScheduledRun.of(23, MIX, all, 120_000, 1_000);
        List<JsonNode> truth = run.groundTruth();

        List<SignalOracle.Alert> alerts = SignalOracle.alertsFor(run.records, Set.copyOf(WATCHED), MINIMUM);

        assertThat(truth).hasSizeGreaterThan(15);
        assertThat(alerts.stream().map(a -> a.signal() + " " + a.subject()).toList())
                .containsExactlyInAnyOrderElementsOf(truth.stream()
                        .map(line -> line.get("signal").asText() + " "
                                + line.get("subject").asText())
                        .toList());
        Map<String, JsonNode> lineByAlert = truth.stream()
                .collect(Collectors.toMap(
                        line -> line.get("signal").asText() + " "
                                + line.get("subject").asText(),
                        line -> line));
        for (SignalOracle.Alert alert : alerts) {
            JsonNode line = lineByAlert.get(alert.signal() + " " + alert.subject());
            List<Long> sources = new ArrayList<>();
            line.get("sources")
                    .forEach(source -> sources.add(source.get("offset").asLong()));
            assertThat(sources)
                    .as("%s fired by offset %d", line, alert.offset())
                    .contains(alert.offset());
        }
    }
}
