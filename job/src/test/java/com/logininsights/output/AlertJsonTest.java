package com.logininsights.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.logininsights.common.Signal;
import com.logininsights.model.SourcePosition;
import com.logininsights.signals.Alert;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alerts topic's JSON, one whole record of each kind of evidence: the schema docs/data-contract.md describes. */
class AlertJsonTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final SourcePosition SOURCE = new SourcePosition("user-login", 3, 1234, 1_694_479_552_250L);
    private static final long EVENT_TIME = 1_694_479_551_000L;
    private static final long EARLIER = 1_694_476_000_000L;

    @Test
    void newDevice() throws IOException {
        Alert alert = alert(Signal.NEW_DEVICE, "u1", new Alert.NewDevice("dev-2", "dev-1", EARLIER, 1));

        assertThat(read(alert)).isEqualTo(read("""
                {"id":"new_device/user-login/3/1234","signal":"new_device","subject_type":"user_id","subject":"u1",
                 "user_id":"u1","event_time":"2023-09-12T00:45:51Z",
                 "evidence":{"device_id":"dev-2","previous_device_id":"dev-1",
                             "previous_seen":"2023-09-11T23:46:40Z","known_devices":1},
                 "source":{"topic":"user-login","partition":3,"offset":1234,"timestamp":"2023-09-12T00:45:52.250Z"}}
                """));
        assertThat(OutputKeys.alert(alert)).isEqualTo("u1");
    }

    @Test
    void localeHop() throws IOException {
        Alert alert = alert(Signal.LOCALE_HOP, "u1", new Alert.LocaleHop("RU", "TX", EARLIER));

        assertThat(read(alert).get("evidence")).isEqualTo(read("""
                {"locale":"RU","previous_locale":"TX","previous_seen":"2023-09-11T23:46:40Z"}
                """));
    }

    @Test
    void watchedLocaleWithNoLocaleBefore() throws IOException {
        Alert alert = alert(Signal.WATCHED_LOCALE, "u1", new Alert.WatchedLocale("KP", null));

        assertThat(read(alert).get("evidence")).isEqualTo(read("""
                {"locale":"KP","previous_locale":null}
                """));
    }

    @Test
    void outdatedVersion() throws IOException {
        Alert alert = alert(Signal.OUTDATED_VERSION, "u1", new Alert.OutdatedVersion("2.9.1", "2.10"));

        assertThat(read(alert).get("evidence")).isEqualTo(read("""
                {"app_version":"2.9.1","minimum_version":"2.10"}
                """));
    }

    @Test
    void burstCountsItsLoginsAndNamesNoUsers() throws IOException {
        Alert alert = alert(Signal.BURST, "u1", new Alert.Count(500, EARLIER, EVENT_TIME, List.of(), 10, 60_000));

        assertThat(read(alert).get("evidence")).isEqualTo(read("""
                {"logins":500,"first_login":"2023-09-11T23:46:40Z","last_login":"2023-09-12T00:45:51Z",
                 "threshold":10,"within":"1m"}
                """));
    }

    @Test
    void sharedIpIsAboutTheAddressAndNamesTheUsersWhoCrossedTheThreshold() throws IOException {
        Alert alert = alert(
                Signal.SHARED_IP, "10.0.0.1", new Alert.Count(4, EARLIER, EVENT_TIME, List.of("a", "b"), 1, 600_000));

        JsonNode json = read(alert);
        assertThat(json.get("subject_type").asText()).isEqualTo("ip");
        assertThat(json.get("subject").asText()).isEqualTo("10.0.0.1");
        assertThat(json.get("user_id").asText()).isEqualTo("u9");
        assertThat(json.get("evidence")).isEqualTo(read("""
                {"logins":4,"first_login":"2023-09-11T23:46:40Z","last_login":"2023-09-12T00:45:51Z",
                 "threshold":1,"within":"10m","user_ids":["a","b"]}
                """));
        assertThat(OutputKeys.alert(alert)).isEqualTo("10.0.0.1");
    }

    private static Alert alert(Signal signal, String subject, Alert.Evidence evidence) {
        String user = subject.equals("u1") ? "u1" : "u9";
        return new Alert(signal, subject, user, EVENT_TIME, SOURCE, evidence);
    }

    private static JsonNode read(Alert alert) throws IOException {
        return JACKSON.readTree(new AlertJson().render(alert, new JsonWriter()));
    }

    private static JsonNode read(String json) throws IOException {
        return JACKSON.readTree(json);
    }
}
