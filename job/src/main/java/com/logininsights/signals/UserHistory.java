package com.logininsights.signals;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What the signals remember about one user, changed in place as its logins are evaluated in event-time order. Each
 * part is bounded: at most {@link #MAX_DEVICES} devices, {@code --burst-logins + 1} login times, one episode.
 */
@TypeInfo(UserHistorySerializer.TypeInfo.class)
public final class UserHistory extends History {
    /** A user with more devices than this forgets the one it used least recently. */
    public static final int MAX_DEVICES = 16;

    /** Device id to when it was last seen, least recently seen first. */
    final LinkedHashMap<String, Long> devices = new LinkedHashMap<>();

    String lastLocale;
    long lastLocaleMillis = NEVER;
    long lastHopMillis = NEVER;

    String lastAppVersion;

    /** The times of the user's latest logins, oldest first: as many as it takes to go over the burst threshold. */
    final ArrayDeque<Long> recentLogins = new ArrayDeque<>();

    /** The burst going on, if any. */
    Episode burst;
}
