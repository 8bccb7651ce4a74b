package com.logininsights.tools.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issue 20's signals at its defaults, written plainly for tests of the generator (the tools cannot see the job): new
 * device within 30 days, locale hop within an hour, more than 10 logins in a minute, more than 20 users on one device
 * or IP within 10 minutes, watched locales, versions below a minimum. Logins are taken in event-time order (send
 * order among equal times); a count signal fires when its count goes over the threshold, once per subject.
 */
final class SignalOracle {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEVICE_MEMORY = Duration.ofDays(30).toSeconds();
    private static final long LOCALE_HOP = Duration.ofHours(1).toSeconds();
    private static final long BURST_WITHIN = Duration.ofMinutes(1).toSeconds();
    private static final int BURST_LOGINS = 10;
    private static final long SHARED_WITHIN = Duration.ofMinutes(10).toSeconds();
    private static final int SHARED_USERS = 20;

    /** An alert: the signal, its subject, and the offset of the login that fired it. */
    record Alert(String signal, String subject, long offset) {}

    /** One valid login as the job reads it, with its offset in the stream. */
    record Login(long offset, long seconds, String user, String device, String ip, String locale, String version) {}

    private record Seen(long seconds, String value) {}

    private final Set<String> watched;
    private final AppVersion minimum;
    private final Map<String, Deque<Seen>> devicesOfUser = new HashMap<>();
    private final Map<String, Seen> lastLocaleOfUser = new HashMap<>();
    private final Map<String, Deque<Long>> loginsOfUser = new HashMap<>();
    private final Map<String, Deque<Seen>> usersOfDevice = new HashMap<>();
    private final Map<String, Deque<Seen>> usersOfIp = new HashMap<>();
    private final Map<String, Boolean> fired = new HashMap<>();
    private final List<Alert> alerts = new ArrayList<>();

    SignalOracle(Set<String> watched, AppVersion minimum) {
        this.watched = watched;
        this.minimum = minimum;
    }

    /** The alerts the job would raise for these records (offset = place in the list); malformed ones are skipped. */
    static List<Alert> alertsFor(List<GeneratedRecord> records, Set<String> watched, AppVersion minimum) {
        List<Login> logins = new ArrayList<>();
        for (int offset = 0; offset < records.size(); offset++) {
            GeneratedRecord record = records.get(offset);
            if (!record.kind().isMalformed()) {
                logins.add(login(offset, record.value()));
            }
        }
        logins.sort(Comparator.comparingLong(Login::seconds).thenComparingLong(Login::offset));
        SignalOracle oracle = new SignalOracle(watched, minimum);
        logins.forEach(oracle::accept);
        return oracle.alerts;
    }

    private static Login login(long offset, byte[] value) {
        try {
            JsonNode json = JSON.readTree(value);
            return new Login(
                    offset,
                    json.get("timestamp").asLong(),
                    json.get("user_id").asText(),
                    text(json, "device_id"),
                    text(json, "ip"),
                    text(json, "locale"),
                    text(json, "app_version"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private void accept(Login login) {
        long now = login.seconds();
        if (login.device() != null) {
            Deque<Seen> devices = devicesOfUser.computeIfAbsent(login.user(), u -> new ArrayDeque<>());
            devices.removeIf(seen -> seen.seconds() < now - DEVICE_MEMORY);
            boolean known = devices.stream().anyMatch(seen -> seen.value().equals(login.device()));
            if (!devices.isEmpty() && !known) {
                fire("new_device", login.user(), login);
            }
            devices.removeIf(seen -> seen.value().equals(login.device()));
            devices.add(new Seen(now, login.device()));
            countDistinct(usersOfDevice, "shared_device", login.device(), login);
        }
        if (login.locale() != null) {
            Seen last = lastLocaleOfUser.get(login.user());
            if (last != null && !last.value().equals(login.locale()) && now - last.seconds() <= LOCALE_HOP) {
                fire("locale_hop", login.user(), login);
            }
            lastLocaleOfUser.put(login.user(), new Seen(now, login.locale()));
            if (watched.contains(login.locale())) {
                fire("watched_locale", login.user(), login);
            }
        }
        if (login.ip() != null) {
            countDistinct(usersOfIp, "shared_ip", login.ip(), login);
        }
        Deque<Long> recent = loginsOfUser.computeIfAbsent(login.user(), u -> new ArrayDeque<>());
        recent.add(now);
        while (recent.peekFirst() <= now - BURST_WITHIN) {
            recent.pollFirst();
        }
        if (recent.size() > BURST_LOGINS) {
            fire("burst", login.user(), login);
        }
        if (minimum != null
                && login.version() != null
                && AppVersion.parse(login.version()).isOlderThan(minimum)) {
            fire("outdated_version", login.user(), login);
        }
    }

    private void countDistinct(Map<String, Deque<Seen>> usersBySubject, String signal, String subject, Login login) {
        Deque<Seen> users = usersBySubject.computeIfAbsent(subject, s -> new ArrayDeque<>());
        users.removeIf(seen -> seen.seconds() <= login.seconds() - SHARED_WITHIN
                || seen.value().equals(login.user()));
        users.add(new Seen(login.seconds(), login.user()));
        if (users.size() > SHARED_USERS) {
            fire(signal, subject, login);
        }
    }

    /** Once per signal and subject: the episode logic of the job is not the point here. */
    private void fire(String signal, String subject, Login login) {
        if (fired.putIfAbsent(signal + "/" + subject, true) == null) {
            alerts.add(new Alert(signal, subject, login.offset()));
        }
    }

    /** Alerts by signal, for messages. */
    static Map<String, Long> bySignal(List<Alert> alerts) {
        Map<String, Long> counts = new LinkedHashMap<>();
        alerts.forEach(alert -> counts.merge(alert.signal(), 1L, Long::sum));
        return counts;
    }
}
