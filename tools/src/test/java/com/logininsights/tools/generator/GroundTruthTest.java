package com.logininsights.tools.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroundTruthTest {
    private static final long T0 = 1_768_186_800L; // 2026-01-12T03:00:00Z

    @Test
    void aTakeoverIsTwoLinesOneForEachAlertWrittenOnceEveryLoginIsDelivered() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GroundTruth truth = GroundTruth.to(out);
        Incident takeover = new Incident(
                1,
                IncidentKind.TAKEOVER,
                List.of(
                        new Incident.Login(0, "u-1", "2.3.0", "iOS", "d-home", "10.0.0.1", "TX", false),
                        new Incident.Login(60_000, "u-1", "2.3.0", "iOS", "d-new", "10.0.0.2", "RU", true)));
        Incidents.Due home = due(takeover, 0, T0);
        Incidents.Due away = due(takeover, 1, T0 + 59);

        truth.sent(home);
        truth.delivered(home, "user-login", 1, 41);
        truth.sent(away);
        assertThat(text(out))
                .as("written before the second login was delivered")
                .isEmpty();
        truth.delivered(away, "user-login", 0, 77);

        String login0 =
                "{\"event_time\":\"2026-01-12T03:00:00Z\",\"topic\":\"user-login\",\"partition\":1,\"offset\":41,"
                        + "\"user_id\":\"u-1\",\"device_id\":\"d-home\",\"ip\":\"10.0.0.1\",\"locale\":\"TX\","
                        + "\"app_version\":\"2.3.0\",\"may_fire\":false}";
        String login1 =
                "{\"event_time\":\"2026-01-12T03:00:59Z\",\"topic\":\"user-login\",\"partition\":0,\"offset\":77,"
                        + "\"user_id\":\"u-1\",\"device_id\":\"d-new\",\"ip\":\"10.0.0.2\",\"locale\":\"RU\","
                        + "\"app_version\":\"2.3.0\",\"may_fire\":true}";
        String rest = "\"subject\":\"u-1\",\"event_time\":\"2026-01-12T03:00:59Z\","
                + "\"last_event_time\":\"2026-01-12T03:00:59Z\",\"complete\":true,"
                + "\"sources\":[{\"topic\":\"user-login\",\"partition\":0,\"offset\":77}],"
                + "\"logins\":[" + login0 + "," + login1 + "]}\n";
        assertThat(text(out))
                .isEqualTo("{\"incident\":1,\"kind\":\"takeover\",\"signal\":\"new_device\"," + rest
                        + "{\"incident\":1,\"kind\":\"takeover\",\"signal\":\"locale_hop\"," + rest);
        truth.close();
        assertThat(truth.injected()).isEqualTo(1);
        assertThat(truth.complete()).isEqualTo(1);
    }

    @Test
    void incidentsAreWrittenInOrderAndThoseCutShortAtTheEndAreMarked() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GroundTruth truth = GroundTruth.to(out);
        Incident first = crowd(1, "d-1");
        Incident second = watched(2);
        Incident third = watched(3);

        truth.sent(due(first, 0, T0));
        truth.sent(due(second, 0, T0 + 1));
        truth.delivered(due(second, 0, T0 + 1), "user-login", 0, 2);
        assertThat(text(out)).as("the second waits for the first").isEmpty();
        truth.delivered(due(first, 0, T0), "user-login", 0, 1);
        assertThat(text(out)).as("the first has a login not sent yet").isEmpty();
        truth.sent(due(third, 0, T0 + 2));
        truth.failed(due(third, 0, T0 + 2));
        truth.close();

        String[] lines = text(out).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0])
                .startsWith("{\"incident\":1,\"kind\":\"shared_device\",\"signal\":\"shared_device\","
                        + "\"subject\":\"d-1\"")
                .contains(
                        "\"complete\":false", "\"sources\":[{\"topic\":\"user-login\",\"partition\":0,\"offset\":1}]");
        assertThat(lines[1]).startsWith("{\"incident\":2,").contains("\"complete\":true");
        assertThat(lines[2])
                .startsWith("{\"incident\":3,")
                .contains("\"complete\":false", "\"sources\":[]", "\"may_fire\":true}]}")
                .doesNotContain("offset");
        assertThat(truth.injected()).isEqualTo(3);
        assertThat(truth.complete()).isEqualTo(1);
    }

    @Test
    void withoutAFileItOnlyCounts() throws Exception {
        GroundTruth truth = GroundTruth.none();
        Incident incident = watched(1);
        truth.sent(due(incident, 0, T0));
        truth.delivered(due(incident, 0, T0), "user-login", 0, 0);
        truth.close();
        assertThat(truth.injected()).isEqualTo(1);
        assertThat(truth.complete()).isEqualTo(1);
    }

    private static Incident crowd(long id, String device) {
        return new Incident(
                id,
                IncidentKind.SHARED_DEVICE,
                List.of(
                        new Incident.Login(0, "u-a", "2.3.0", "iOS", device, "10.0.0.1", "TX", true),
                        new Incident.Login(2_000, "u-b", "2.3.0", "iOS", device, "10.0.0.2", "CA", true)));
    }

    private static Incident watched(long id) {
        return new Incident(
                id,
                IncidentKind.WATCHED_LOCALE,
                List.of(new Incident.Login(0, "u-" + id, "2.3.0", "android", "d", "10.0.0.3", "KP", true)));
    }

    private static Incidents.Due due(Incident incident, int index, long eventSeconds) {
        return new Incidents.Due(incident, index, new GeneratedRecord(RecordKind.INCIDENT, new byte[0]), eventSeconds);
    }

    private static String text(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8);
    }
}
