package com.logininsights.tools.playground;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Renders one closed window for the terminal: a few plain lines, no log noise. */
public final class WindowReport {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private WindowReport() {}

    /**
     * @param summary a {@code summary} record from the insights topic
     * @param deadLetters dead letters by reason, counted since the previous report
     * @param recordsSinceLast valid and dead records written since the previous report
     * @param lateEvents late events reported since the previous report
     */
    public static String render(
            JsonNode summary, Map<String, Long> deadLetters, long recordsSinceLast, long lateEvents) {
        long logins = summary.get("logins").asLong();
        long missing = summary.get("records_with_missing_fields").asLong();
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "window %s-%s  %,d logins  %,d users  %d with missing fields (%s)%s%n",
                TIME.format(Instant.parse(summary.get("window_start").asText())),
                TIME.format(Instant.parse(summary.get("window_end").asText())),
                logins,
                summary.get("distinct_users").asLong(),
                missing,
                percent(missing, logins),
                summary.get("revision").asInt() > 0
                        ? "  (revision " + summary.get("revision").asInt() + ")"
                        : ""));

        List<String> devices = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> shares =
                summary.get("device_share").fields();
        while (shares.hasNext()) {
            Map.Entry<String, JsonNode> share = shares.next();
            devices.add(String.format(
                    Locale.ROOT, "%s %.1f%%", share.getKey(), share.getValue().asDouble() * 100));
        }
        out.append("  devices      ").append(String.join("   ", devices)).append('\n');

        List<String> locales = new ArrayList<>();
        for (JsonNode locale : summary.get("top_locales")) {
            locales.add(
                    locale.get("locale").asText() + " " + locale.get("logins").asLong());
        }
        out.append("  top locales  ").append(String.join(" · ", locales)).append('\n');

        long dead = deadLetters.values().stream().mapToLong(Long::longValue).sum();
        out.append(String.format(
                Locale.ROOT,
                "  dead letters %d of %d records since the last window (%s)",
                dead,
                recordsSinceLast,
                percent(dead, recordsSinceLast)));
        if (dead > 0) {
            List<String> reasons = new ArrayList<>();
            new TreeMap<>(deadLetters).forEach((reason, count) -> reasons.add(reason + " " + count));
            out.append(": ").append(String.join(", ", reasons));
        }
        out.append('\n');
        if (lateEvents > 0) {
            out.append(String.format(Locale.ROOT, "  late events  %d (counted in no window)%n", lateEvents));
        }
        return out.toString();
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
