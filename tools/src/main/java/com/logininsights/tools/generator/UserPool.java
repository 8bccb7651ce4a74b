package com.logininsights.tools.generator;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A fixed set of users, each with one device, locale and app version, so that distinct-user counts mean something
 * and a user's logins look alike. Users are not stored: user {@code n}'s values are drawn anew at each login from a
 * generator seeded by the pool's seed and {@code n}, so ten million users cost no memory and every login of a user
 * carries the same values.
 *
 * <p>The users log in in rounds: every user once per round, each round in an order of its own (an affine permutation
 * of the user numbers with a random stride and offset). So no user logs in more than twice within any stretch of as many
 * records as there are users: a background of many users never looks like one account being hammered.
 */
final class UserPool {
    record LoginUser(String userId, String appVersion, String deviceType, String deviceId, String locale) {}

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final int size;
    private final long seed;
    private final UpstreamValues values;
    private final SplittableRandom order;
    private long stride;
    private long offset;
    private long position;

    UserPool(int size, SplittableRandom random, UpstreamValues values) {
        if (size < 1) {
            throw new IllegalArgumentException("a user pool needs at least one user: " + size);
        }
        this.size = size;
        this.seed = random.nextLong();
        this.order = random.split();
        this.values = values;
        this.position = size; // the first call starts a round
    }

    int size() {
        return size;
    }

    /**
     * The most logins one user of a pool this size can have within a span of event time, at this many records a
     * second with event times up to {@code jitter} early: a round lasts {@code size / rate} seconds and holds one
     * login of each user, and a span overlaps at most {@code ceil(span / round) + 1} rounds, once stretched by the
     * jitter and by the second that event times are rounded down to.
     */
    static long mostLoginsWithin(Duration span, long size, double recordsPerSecond, Duration jitter) {
        double roundMillis = size * 1000.0 / recordsPerSecond;
        return (long) Math.ceil(stretched(span, jitter) / roundMillis) + 1;
    }

    /** The fewest users for which {@link #mostLoginsWithin} stays at or below {@code logins} (2 or more). */
    static long fewestUsersForAtMost(long logins, Duration span, double recordsPerSecond, Duration jitter) {
        return (long) Math.ceil(stretched(span, jitter) * recordsPerSecond / 1000.0 / (logins - 1));
    }

    private static long stretched(Duration span, Duration jitter) {
        return span.toMillis() + jitter.toMillis() + 1000;
    }

    /** The next user to log in, in the current round's order. */
    LoginUser next() {
        return user(nextIndex());
    }

    /** Any user, drawn at random: for the odd value that names a user (a duplicated user_id), outside the rounds. */
    LoginUser pick(RandomGenerator random) {
        return user(random.nextInt(size));
    }

    int nextIndex() {
        if (position == size) {
            startRound();
        }
        return (int) ((stride * position++ + offset) % size);
    }

    /** User {@code index}: the same values every time. */
    LoginUser user(int index) {
        return draw(new SplittableRandom(mix(seed + index * GOLDEN_GAMMA)), values);
    }

    /** A user with values drawn from these. */
    static LoginUser draw(RandomGenerator random, UpstreamValues values) {
        return new LoginUser(
                UpstreamValues.uuid(random),
                values.appVersion(random),
                UpstreamValues.deviceType(random),
                UpstreamValues.deviceId(random),
                values.locale(random));
    }

    /** A stride coprime with the size makes {@code stride * p + offset (mod size)} visit every user once. */
    private void startRound() {
        position = 0;
        if (size == 1) {
            stride = 1;
            offset = 0;
            return;
        }
        do {
            stride = order.nextLong(1, size);
        } while (gcd(stride, size) != 1);
        offset = order.nextLong(size);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long rest = a % b;
            a = b;
            b = rest;
        }
        return a;
    }

    /** Stafford's mix 13 (as in SplittableRandom): neighbouring user numbers get unrelated seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
