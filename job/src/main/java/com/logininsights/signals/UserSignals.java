package com.logininsights.signals;

import com.logininsights.common.Signal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The user's signals: new_device, locale_hop, burst, watched_locale and outdated_version, applied to one user's logins
 * in event-time order. Plain Java, no Flink: the signals operator keeps the state and the time.
 */
final class UserSignals implements SubjectSignals<UserHistory> {
    static final int EVALUATED_AT_LEAST_EVERY = 8;

    private final SignalRules rules;
    private final CountRule burst;
    private final VersionFloor versionFloor;

    UserSignals(SignalRules rules) {
        this.rules = rules;
        this.burst = new CountRule(
                Signal.BURST,
                rules.burstLogins(),
                rules.burstWithin().toMillis(),
                rules.maxEpisode().toMillis());
        this.versionFloor = rules.minimumVersion() == null ? null : new VersionFloor(rules.minimumVersion());
    }

    @Override
    public UserHistory fresh() {
        return new UserHistory();
    }

    @Override
    public void evaluate(UserHistory user, Sighting login, Consumer<Alert> alerts) {
        closeEnded(user, login.timeMillis() - 1, alerts);
        if (rules.on(Signal.NEW_DEVICE) && login.deviceId() != null) {
            newDevice(user, login, alerts);
        }
        if ((rules.on(Signal.LOCALE_HOP) || rules.on(Signal.WATCHED_LOCALE)) && login.locale() != null) {
            locale(user, login, alerts);
        }
        if (rules.on(Signal.OUTDATED_VERSION) && login.appVersion() != null) {
            appVersion(user, login, alerts);
        }
        if (rules.on(Signal.BURST)) {
            burst(user, login);
        }
        user.lastLoginMillis = login.timeMillis();
    }

    @Override
    public void closeEnded(UserHistory user, long atMillis, Consumer<Alert> alerts) {
        if (burst.reportIfEnded(user.burst, user.recentLogins.size(), oldestLogin(user), atMillis, alerts)) {
            user.burst = null;
        }
    }

    @Override
    public long episodeEndsAt(UserHistory user) {
        return burst.endsAt(user.burst, oldestLogin(user));
    }

    /**
     * A waiting login may raise an alert if its device is not among the user's known ones while some device is, its
     * locale differs from the one before it or is watched, its version is outdated, or the logins in the burst span
     * could go over the threshold; a burst going on always may. "Before it" counts the earlier waiting logins too, so
     * that a user's first login asks for no wake-up of its own: nothing is new to a user seen for the first time. Past
     * {@link #EVALUATED_AT_LEAST_EVERY} waiting logins, they are evaluated anyway, so that a user who logs in often
     * from the same place does not pile them up in state.
     */
    @Override
    public boolean mayAlert(UserHistory user) {
        if (user.burst != null || user.waiting.size() >= EVALUATED_AT_LEAST_EVERY) {
            return true;
        }
        if (rules.on(Signal.BURST) && user.recentLogins.size() + user.waiting.size() > burst.threshold()) {
            return true;
        }
        boolean someDeviceBefore = !user.devices.isEmpty();
        String localeBefore = user.lastLocale;
        for (Sighting login : user.waiting) {
            if (mayAlert(user, login, someDeviceBefore, localeBefore)) {
                return true;
            }
            someDeviceBefore |= login.deviceId() != null;
            localeBefore = login.locale() == null ? localeBefore : login.locale();
        }
        return false;
    }

    private boolean mayAlert(UserHistory user, Sighting login, boolean someDeviceBefore, String localeBefore) {
        if (rules.on(Signal.NEW_DEVICE) && login.deviceId() != null && someDeviceBefore) {
            Long seen = user.devices.get(login.deviceId());
            if (seen == null || seen < login.timeMillis() - rules.deviceMemory().toMillis()) {
                return true;
            }
        }
        String locale = login.locale();
        if (locale != null
                && ((rules.on(Signal.LOCALE_HOP) && localeBefore != null && !locale.equals(localeBefore))
                        || (rules.on(Signal.WATCHED_LOCALE)
                                && rules.watchedLocales().contains(locale)))) {
            return true;
        }
        return rules.on(Signal.OUTDATED_VERSION)
                && login.appVersion() != null
                && versionFloor.isBelow(login.appVersion());
    }

    private static long oldestLogin(UserHistory user) {
        return user.recentLogins.isEmpty() ? History.NEVER : user.recentLogins.getFirst();
    }

    private void newDevice(UserHistory user, Sighting login, Consumer<Alert> alerts) {
        long forgottenBefore = login.timeMillis() - rules.deviceMemory().toMillis();
        Iterator<Long> oldestFirst = user.devices.values().iterator();
        while (oldestFirst.hasNext() && oldestFirst.next() < forgottenBefore) {
            oldestFirst.remove();
        }
        // Taken out and put back, so that the map stays in the order the devices were last seen.
        Long seen = user.devices.remove(login.deviceId());
        if (seen == null) {
            if (!user.devices.isEmpty()) {
                Map.Entry<String, Long> previous = null;
                for (Map.Entry<String, Long> device : user.devices.entrySet()) {
                    previous = device;
                }
                alerts.accept(alert(
                        Signal.NEW_DEVICE,
                        login,
                        new Alert.NewDevice(
                                login.deviceId(), previous.getKey(), previous.getValue(), user.devices.size())));
            }
            if (user.devices.size() >= UserHistory.MAX_DEVICES) {
                Iterator<String> leastRecent = user.devices.keySet().iterator();
                leastRecent.next();
                leastRecent.remove();
            }
        }
        user.devices.put(login.deviceId(), login.timeMillis());
    }

    private void locale(UserHistory user, Sighting login, Consumer<Alert> alerts) {
        String locale = login.locale();
        String previous = user.lastLocale;
        long hopWithin = rules.localeHopWithin().toMillis();
        if (rules.on(Signal.LOCALE_HOP)
                && previous != null
                && !previous.equals(locale)
                && login.timeMillis() - user.lastLocaleMillis <= hopWithin) {
            // One alert per episode: hops that follow each other within the span are the same episode.
            if (user.lastHopMillis == History.NEVER || login.timeMillis() - user.lastHopMillis > hopWithin) {
                alerts.accept(
                        alert(Signal.LOCALE_HOP, login, new Alert.LocaleHop(locale, previous, user.lastLocaleMillis)));
            }
            user.lastHopMillis = login.timeMillis();
        }
        if (rules.on(Signal.WATCHED_LOCALE) && rules.watchedLocales().contains(locale) && !locale.equals(previous)) {
            alerts.accept(alert(Signal.WATCHED_LOCALE, login, new Alert.WatchedLocale(locale, previous)));
        }
        user.lastLocale = locale;
        user.lastLocaleMillis = login.timeMillis();
    }

    private void appVersion(UserHistory user, Sighting login, Consumer<Alert> alerts) {
        String version = login.appVersion();
        if (versionFloor.isBelow(version) && !version.equals(user.lastAppVersion)) {
            alerts.accept(
                    alert(Signal.OUTDATED_VERSION, login, new Alert.OutdatedVersion(version, rules.minimumVersion())));
        }
        user.lastAppVersion = version;
    }

    private void burst(UserHistory user, Sighting login) {
        long time = login.timeMillis();
        while (!user.recentLogins.isEmpty() && !burst.inSpan(user.recentLogins.getFirst(), time)) {
            user.recentLogins.removeFirst();
        }
        user.recentLogins.addLast(time);
        if (user.recentLogins.size() > burst.kept()) {
            user.recentLogins.removeFirst();
        }
        if (user.burst != null) {
            user.burst.add(login);
        } else if (burst.over(user.recentLogins.size(), user.recentLogins.getFirst(), time)) {
            user.burst = new Episode(login, user.recentLogins.getFirst(), user.recentLogins.size(), List.of());
        }
    }

    private static Alert alert(Signal signal, Sighting login, Alert.Evidence evidence) {
        return new Alert(signal, login.value(), login.userId(), login.timeMillis(), login.source(), evidence);
    }
}
