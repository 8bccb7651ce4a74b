package com.logininsights.tools.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchWindowFiguresTest {
    private static final Instant WINDOW = Instant.parse("2026-11-29T21:33:00Z");

    @Test
    void readsLoginInsightsDimensionRowsAndPassesOverEverythingElse() throws Exception {
        WindowFigures figures = WindowFigures.parse(json(
                "{\"type\":\"summary\",\"window_start\":\"2026-11-29T21:33:00Z\",\"logins\":9,\"distinct_users\":9}",
                "{\"type\":\"dimension\",\"window_start\":\"2026-11-29T21:33:00Z\",\"window_end\":"
                        + "\"2026-11-29T21:34:00Z\",\"revision\":0,\"dimension\":\"device_type\",\"value\":\"ios\","
                        + "\"logins\":5,\"distinct_users\":4}",
                "{\"type\":\"dimension\",\"window_start\":\"2026-11-29T21:33:00Z\",\"revision\":0,"
                        + "\"dimension\":\"app_version\",\"value\":\"2.3.0\",\"logins\":5,\"distinct_users\":4}",
                "{\"type\":\"late_event\",\"window_start\":\"2026-11-29T21:32:00Z\",\"user_id\":\"u\"}"));

        assertThat(figures.figures())
                .containsExactly(
                        Map.entry(new WindowFigures.Key(WINDOW, "device_type", "ios"), new WindowFigures.Counts(5, 4)));
    }

    @Test
    void readsTheSqlPeersRowsWhoseWindowsAreInUtcWithoutAZone() throws Exception {
        WindowFigures figures = WindowFigures.parse(
                json("{\"window_start\":\"2026-11-29T21:33:00\",\"window_end\":\"2026-11-29T21:34:00\","
                        + "\"dimension\":\"locale\",\"value\":\"CA\",\"logins\":7,\"distinct_users\":6}"));

        assertThat(figures.logins()).containsExactly(Map.entry(new WindowFigures.Key(WINDOW, "locale", "CA"), 7L));
    }

    @Test
    void aLaterRevisionOfARowReplacesTheEarlierOneWhateverTheOrderRead() throws Exception {
        String revision1 = "{\"window_start\":\"2026-11-29T21:33:00Z\",\"revision\":1,\"dimension\":\"locale\","
                + "\"value\":\"CA\",\"logins\":8,\"distinct_users\":7}";
        String revision0 = revision1.replace("\"revision\":1", "\"revision\":0").replace(":8,", ":7,");

        assertThat(WindowFigures.parse(json(revision0, revision1)).logins()).containsValue(8L);
        assertThat(WindowFigures.parse(json(revision1, revision0)).logins()).containsValue(8L);
    }

    @Test
    void loginsPerWindowAddUpTheDeviceTypesOnly() throws Exception {
        WindowFigures figures = WindowFigures.parse(json(
                dimension("2026-11-29T21:33:00Z", "device_type", "ios", 5),
                dimension("2026-11-29T21:33:00Z", "device_type", "unknown", 2),
                dimension("2026-11-29T21:33:00Z", "locale", "CA", 7),
                dimension("2026-11-29T21:34:00Z", "device_type", "android", 3)));

        assertThat(figures.loginsPerWindow())
                .containsExactly(Map.entry(WINDOW, 7L), Map.entry(WINDOW.plusSeconds(60), 3L));
    }

    @Test
    void aWindowStartThatIsNotATimeIsAnError() {
        assertThatThrownBy(() -> WindowFigures.parse(json(dimension("yesterday", "locale", "CA", 1))))
                .hasMessageContaining("window_start 'yesterday' is not a time");
    }

    private static String dimension(String windowStart, String dimension, String value, long logins) {
        return "{\"window_start\":\"" + windowStart + "\",\"dimension\":\"" + dimension + "\",\"value\":\"" + value
                + "\",\"logins\":" + logins + ",\"distinct_users\":" + logins + "}";
    }

    private static List<byte[]> json(String... rows) {
        return Arrays.stream(rows)
                .map(row -> row.getBytes(StandardCharsets.UTF_8))
                .toList();
    }
}
