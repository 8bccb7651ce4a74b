package com.logininsights.insights;

/** Logins and distinct users for one value of one dimension (device_type = ios, say) in one window. */
public final class ValueTally {
    long logins;
    final DistinctUsers users;

    ValueTally() {
        this(0, new DistinctUsers());
    }

    ValueTally(long logins, DistinctUsers users) {
        this.logins = logins;
        this.users = users;
    }

    void add(long userKey) {
        logins++;
        users.add(userKey);
    }

    void addAll(ValueTally other) {
        logins += other.logins;
        users.addAll(other.users);
    }

    ValueTally copy() {
        return new ValueTally(logins, users.copy());
    }

    public long logins() {
        return logins;
    }

    public long distinctUsers() {
        return users.estimate();
    }
}
