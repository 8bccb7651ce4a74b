package com.logininsights.tools.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Plans the incidents of an {@link IncidentMix} on the send schedule and hands out their logins when due. Each
 * incident uses accounts, devices and IPs of its own, drawn from a generator split off the run's seed, so the same
 * seed gives the same incidents and the background's records stay the same whether incidents are on or off.
 *
 * <p>An incident's logins get their event times as every record does: the time of the schedule slot they go out in,
 * less a jitter of up to {@link RecordMix#jitter()}. The spans below are far longer than that jitter, so a takeover's
 * second login is always later than its first, and far shorter than issue 20's default spans (a burst is counted
 * over a minute, a crowd over ten).
 */
final class Incidents {
    /** From a takeover's login at home to the login from the new device: well within the locale hop's hour. */
    static final Duration TAKEOVER_GAP = Duration.ofMinutes(1);
    /** A burst's logins are spread evenly over this. */
    static final Duration BURST_SPAN = Duration.ofSeconds(30);
    /** A crowd's logins (one per account) are spread evenly over this. */
    static final Duration CROWD_SPAN = Duration.ofMinutes(1);

    /** One login of an incident, ready to send. */
    record Due(Incident incident, int index, GeneratedRecord record, long eventSeconds) {}

    private record Pending(Incident incident, int index) {}

    private final IncidentMix mix;
    /** Plans the incidents; apart from {@link #sending}, so that what is sent never changes what is planned. */
    private final SplittableRandom random;
    /** Draws each sent login's jitter and the form of its timestamp. */
    private final SplittableRandom sending;

    private final long startMillis;
    private final long jitterMillis;
    private final UpstreamValues values;
    private final List<String> watchedLocales;
    private final AppVersion minAppVersion;
    private final long lastSlotMillis;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(Comparator.<Pending>comparingLong(
                    p -> p.incident().logins().get(p.index()).atMillis())
            .thenComparingLong(p -> p.incident().id())
            .thenComparingInt(Pending::index));
    /** Incident starts so far, one every {@link IncidentMix#every()}: the kinds take turns by them. */
    private long slots;
    /** Incidents planned so far: their numbers. */
    private long injected;

    private long watchedLocaleIncidents;
    private long outdatedVersionIncidents;

    /**
     * @param lastSlotMillis the schedule time of the run's last record, when known (a paced run with a count): no
     *     incident starts that could not finish by then
     * @throws IllegalArgumentException when the mix asks for an incident the record mix cannot make: a watched
     *     locale without a list of them, an outdated version without a minimum version of 1 or more
     */
    Incidents(IncidentMix mix, RecordMix records, long seed, Instant start, OptionalLong lastSlotMillis) {
        this.mix = mix;
        this.random = new SplittableRandom(seed).split();
        this.sending = random.split();
        this.startMillis = start.toEpochMilli();
        this.jitterMillis = records.jitter().toMillis();
        this.values = records.background();
        this.watchedLocales = records.watchedLocales();
        this.minAppVersion = records.minAppVersion().orElse(null);
        this.lastSlotMillis = lastSlotMillis.orElse(Long.MAX_VALUE);
        if (mix.kinds().contains(IncidentKind.WATCHED_LOCALE) && watchedLocales.isEmpty()) {
            throw new IllegalArgumentException("watched_locale incidents need the watched locales");
        }
        if (mix.kinds().contains(IncidentKind.OUTDATED_VERSION)
                && (minAppVersion == null || minAppVersion.major() < 1)) {
            throw new IllegalArgumentException(
                    "outdated_version incidents need a minimum app version of 1 or more, so that older ones exist");
        }
    }

    /** The logins due by this point of the schedule, in the order to send them; starts the incidents due by then. */
    List<Due> due(long millisSinceStart) {
        startIncidentsDueBy(millisSinceStart);
        List<Due> due = new ArrayList<>();
        while (!pending.isEmpty()
                && pending.peek()
                                .incident()
                                .logins()
                                .get(pending.peek().index())
                                .atMillis()
                        <= millisSinceStart) {
            Pending next = pending.poll();
            due.add(record(next.incident(), next.index(), millisSinceStart));
        }
        return due;
    }

    private void startIncidentsDueBy(long millisSinceStart) {
        if (!mix.any()) {
            return;
        }
        long everyMillis = mix.every().toMillis();
        while ((slots + 1) * everyMillis <= millisSinceStart) {
            long at = ++slots * everyMillis;
            IncidentKind kind = mix.kinds().get((int) ((slots - 1) % mix.kinds().size()));
            List<Incident.Login> logins = plan(kind, at);
            if (logins.get(logins.size() - 1).atMillis() > lastSlotMillis) {
                continue; // it could not finish before the run ends
            }
            Incident incident = new Incident(++injected, kind, logins);
            for (int i = 0; i < logins.size(); i++) {
                pending.add(new Pending(incident, i));
            }
        }
    }

    private List<Incident.Login> plan(IncidentKind kind, long at) {
        List<Incident.Login> logins = new ArrayList<>();
        switch (kind) {
            case TAKEOVER -> {
                Account account = account();
                String home = account.locale();
                String away = values.locale(random);
                while (away.equals(home)) {
                    away = values.locale(random);
                }
                logins.add(account.login(at, account.deviceId(), UpstreamValues.ipv4(random), home, false));
                logins.add(account.login(
                        at + TAKEOVER_GAP.toMillis(),
                        UpstreamValues.uuid(random),
                        UpstreamValues.ipv4(random),
                        away,
                        true));
            }
            case BURST -> {
                Account account = account();
                String ip = UpstreamValues.ipv4(random);
                for (int i = 0; i < mix.burstSize(); i++) {
                    long when = at + i * BURST_SPAN.toMillis() / mix.burstSize();
                    logins.add(account.login(when, account.deviceId(), ip, account.locale(), true));
                }
            }
            case SHARED_DEVICE -> {
                String deviceId = UpstreamValues.deviceId(random);
                String deviceType = UpstreamValues.deviceType(random);
                for (int i = 0; i < mix.crowdSize(); i++) {
                    Account account = account().on(deviceType);
                    logins.add(account.login(
                            crowdTime(at, i), deviceId, UpstreamValues.ipv4(random), account.locale(), true));
                }
            }
            case SHARED_IP -> {
                String ip = UpstreamValues.ipv4(random);
                for (int i = 0; i < mix.crowdSize(); i++) {
                    Account account = account();
                    logins.add(account.login(crowdTime(at, i), account.deviceId(), ip, account.locale(), true));
                }
            }
            case WATCHED_LOCALE -> {
                Account account = account();
                String locale = watchedLocales.get((int) (watchedLocaleIncidents++ % watchedLocales.size()));
                logins.add(account.login(at, account.deviceId(), UpstreamValues.ipv4(random), locale, true));
            }
            case OUTDATED_VERSION -> {
                // A version of its own per incident: an alert per account or one per version would both count it.
                String version = (minAppVersion.major() - 1) + ".9." + ++outdatedVersionIncidents;
                Account account = account().running(version);
                logins.add(account.login(at, account.deviceId(), UpstreamValues.ipv4(random), account.locale(), true));
            }
        }
        return logins;
    }

    private long crowdTime(long at, int index) {
        return at + index * CROWD_SPAN.toMillis() / mix.crowdSize();
    }

    /** A fresh account, never seen in the background, with the background's kind of values. */
    private Account account() {
        UserPool.LoginUser user = UserPool.draw(random, values);
        return new Account(user.userId(), user.appVersion(), user.deviceType(), user.deviceId(), user.locale());
    }

    private record Account(String userId, String appVersion, String deviceType, String deviceId, String locale) {
        Account on(String type) {
            return new Account(userId, appVersion, type, deviceId, locale);
        }

        Account running(String version) {
            return new Account(userId, version, deviceType, deviceId, locale);
        }

        Incident.Login login(long at, String device, String ip, String where, boolean mayFire) {
            return new Incident.Login(at, userId, appVersion, deviceType, device, ip, where, mayFire);
        }
    }

    private Due record(Incident incident, int index, long slotMillis) {
        long jitter = jitterMillis == 0 ? 0 : sending.nextLong(jitterMillis + 1);
        long eventSeconds = Math.floorDiv(startMillis + slotMillis - jitter, 1000);
        Incident.Login login = incident.logins().get(index);
        Object timestamp = sending.nextBoolean() ? String.valueOf(eventSeconds) : eventSeconds;
        List<Field> fields = List.of(
                new Field("user_id", login.userId()),
                new Field("app_version", login.appVersion()),
                new Field("device_type", login.deviceType()),
                new Field("ip", login.ip()),
                new Field("locale", login.locale()),
                new Field("device_id", login.deviceId()),
                new Field("timestamp", timestamp));
        return new Due(
                incident,
                index,
                new GeneratedRecord(RecordKind.INCIDENT, JsonObjectWriter.write(fields)),
                eventSeconds);
    }
}
