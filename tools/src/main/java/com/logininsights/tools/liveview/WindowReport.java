package com.logininsights.tools.liveview;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/** Renders one closed window for the terminal: a few plain lines, no log noise. */
final class WindowReport {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private WindowReport() {}

    /**
     * @param summary a {@code summary} record from the insights topic
     * @param input the input records that arrived during the window, dead letters among them
     * @param countedAfter set when the window began before the newest input the view could not see (the job had
     *     committed it before the view started): only input that arrived after this time is counted
     * @param lateEvents late events reported since the previous report
     * @param alerts the alerts fired by the window's logins, by signal; empty while there is no alerts topic
     */
    static String render(
            JsonNode summary,
            WindowInput input,
            Optional<Instant> countedAfter,
            long lateEvents,
            Optional<SortedMap<String, Long>> alerts) {
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

        if (input.records() == 0) {
            out.append("  dead letters none: no input record arrived during this window");
        } else {
            out.append(String.format(
                    Locale.ROOT,
                    "  dead letters %d of %d records that arrived in this window (%s)",
                    input.deadLetters(),
                    input.records(),
                    percent(input.deadLetters(), input.records())));
        }
        if (input.deadLetters() > 0) {
            List<String> reasons = new ArrayList<>();
            input.deadLettersByReason().forEach((reason, count) -> reasons.add(reason + " " + count));
            out.append(": ").append(String.join(", ", reasons));
        }
        out.append('\n');
        countedAfter.ifPresent(after -> out.append("               counted after ")
                .append(TIME.format(after))
                .append(": the job had committed the earlier ones before this view started\n"));
        alerts.ifPresent(bySignal -> {
            out.append("  alerts       ");
            if (bySignal.isEmpty()) {
                out.append("none");
            } else {
                List<String> signals = new ArrayList<>();
                bySignal.forEach((signal, count) -> signals.add(signal + " " + count));
                out.append(String.join(" · ", signals));
            }
            out.append('\n');
        });
        if (lateEvents > 0) {
            out.append(String.format(Locale.ROOT, "  late events  %d (counted in no window)%n", lateEvents));
        }
        return out.toString();
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
