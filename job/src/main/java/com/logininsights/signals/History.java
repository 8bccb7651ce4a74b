package com.logininsights.signals;

/** What every subject's state has: when it last logged in, and the wake-up it has asked for. */
abstract class History {
    static final long NEVER = Long.MIN_VALUE;

    long lastLoginMillis = NEVER;
    /** The wake-up already asked for (event time), so that a subject has one at a time. */
    long wakeUpMillis = NEVER;
}
