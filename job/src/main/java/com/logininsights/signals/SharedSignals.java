package com.logininsights.signals;

import com.logininsights.common.Signal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * shared_device and shared_ip: one device or IP address used by more than a number of users within a span, applied
 * to one subject's logins in event-time order. Plain Java, no Flink: the signals operator keeps the state and the
 * time.
 */
final class SharedSignals implements SubjectSignals<SharedHistory> {
    private final CountRule rule;

    SharedSignals(SignalRules rules, Signal signal) {
        this.rule = new CountRule(
                signal,
                rules.sharedUsers(Subject.of(signal)),
                rules.sharedWithin().toMillis(),
                rules.maxEpisode().toMillis());
    }

    @Override
    public SharedHistory fresh() {
        return new SharedHistory();
    }

    @Override
    public void evaluate(SharedHistory subject, Sighting login, Consumer<Alert> alerts) {
        long time = login.timeMillis();
        closeEnded(subject, time - 1, alerts);
        Iterator<Long> leastRecent = subject.users.values().iterator();
        while (leastRecent.hasNext() && !rule.inSpan(leastRecent.next(), time)) {
            leastRecent.remove();
        }
        // Taken out and put back, so that the map stays in the order the users were last seen.
        subject.users.remove(login.userId());
        subject.users.put(login.userId(), time);
        if (subject.users.size() > rule.kept()) {
            Iterator<String> oldest = subject.users.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        if (subject.episode != null) {
            subject.episode.add(login);
        } else if (rule.over(subject.users.size(), oldestSeen(subject), time)) {
            subject.episode = new Episode(login, oldestSeen(subject), 1, new ArrayList<>(subject.users.keySet()));
        }
        subject.lastLoginMillis = time;
    }

    @Override
    public void closeEnded(SharedHistory subject, long atMillis, Consumer<Alert> alerts) {
        if (rule.reportIfEnded(subject.episode, subject.users.size(), oldestSeen(subject), atMillis, alerts)) {
            subject.episode = null;
        }
    }

    @Override
    public long episodeEndsAt(SharedHistory subject) {
        return rule.endsAt(subject.episode, oldestSeen(subject));
    }

    /**
     * Only an episode going on, or more users than the threshold among the users kept and the logins waiting, can
     * raise an alert; most devices and addresses never get there.
     */
    @Override
    public boolean mayAlert(SharedHistory subject) {
        return subject.episode != null || subject.users.size() + subject.waiting.size() > rule.threshold();
    }

    private static long oldestSeen(SharedHistory subject) {
        return subject.users.isEmpty()
                ? History.NEVER
                : subject.users.values().iterator().next();
    }
}
