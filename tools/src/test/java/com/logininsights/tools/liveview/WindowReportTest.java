package com.logininsights.tools.liveview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WindowReportTest {
    private static final String SUMMARY = "{\"type\":\"summary\",\"window_start\":\"2026-11-23T07:44:50Z\","
            + "\"window_end\":\"2026-11-23T07:45:00Z\",\"revision\":0,\"logins\":200,\"distinct_users\":190,"
            + "\"records_with_missing_fields\":9,\"device_share\":{\"android\":0.55,\"ios\":0.4,\"unknown\":0.05},"
            + "\"top_locales\":[{\"locale\":\"TX\",\"logins\":30,\"distinct_users\":29},"
            + "{\"locale\":\"CA\",\"logins\":20,\"distinct_users\":20}]}";

    @Test
    void rendersAWindowAsAFewPlainLines() throws Exception {
        String report = WindowReport.render(
                new ObjectMapper().readTree(SUMMARY),
                WindowInput.of(210, Map.of("not_json", 3L, "empty", 1L)),
                Optional.empty(),
                2,
                Optional.of(new TreeMap<>(Map.of("new_device", 2L, "burst", 1L, "locale_hop", 2L))));

        String from = local("2026-11-23T07:44:50Z");
        String to = local("2026-11-23T07:45:00Z");
        assertThat(report)
                .isEqualTo("window " + from + "-" + to + "  200 logins  190 users  9 with missing fields (4.5%)\n"
                        + "  devices      android 55.0%   ios 40.0%   unknown 5.0%\n"
                        + "  top locales  TX 30 · CA 20\n"
                        + "  dead letters 4 of 210 records that arrived in this window (1.9%): empty 1, not_json 3\n"
                        + "  alerts       burst 1 · locale_hop 2 · new_device 2\n"
                        + "  late events  2 (counted in no window)\n");
    }

    @Test
    void saysWhenAWindowIsARevisionAndWhenNoInputArrivedDuringIt() throws Exception {
        String report = WindowReport.render(
                new ObjectMapper().readTree(SUMMARY.replace("\"revision\":0", "\"revision\":2")),
                WindowInput.of(0, Map.of()),
                Optional.empty(),
                0,
                Optional.of(new TreeMap<>()));

        assertThat(report.lines().findFirst().orElseThrow()).endsWith("(revision 2)");
        assertThat(report)
                .contains("  dead letters none: no input record arrived during this window\n")
                .contains("  alerts       none\n")
                .doesNotContain("late events");
    }

    @Test
    void saysWhenTheJobCommittedPartOfTheWindowsInputBeforeTheViewStarted() throws Exception {
        Instant countedAfter = Instant.parse("2026-11-23T07:44:56Z");

        String report = WindowReport.render(
                new ObjectMapper().readTree(SUMMARY),
                WindowInput.of(80, Map.of()),
                Optional.of(countedAfter),
                0,
                Optional.empty());

        assertThat(report).as("no alerts topic, no alerts line").doesNotContain("alerts");
        assertThat(report)
                .endsWith("  dead letters 0 of 80 records that arrived in this window (0.0%)\n"
                        + "               counted after " + local("2026-11-23T07:44:56Z")
                        + ": the job had committed the earlier ones before this view started\n");
    }

    private static String local(String instant) {
        return DateTimeFormatter.ofPattern("HH:mm:ss")
                .withZone(ZoneId.systemDefault())
                .format(Instant.parse(instant));
    }
}
