package com.logininsights.insights;

/**
 * The key of the first, parallel phase of the window aggregation. Keying by device_type would put every login
 * on two or three keys, so two or three subtasks at most; keying by a hash of the user instead spreads the work
 * over {@value #BUCKETS} buckets, and since each user falls in exactly one bucket the buckets' tallies add up
 * without counting anyone twice. The bucket count is fixed, not derived from the parallelism, so that a job
 * rescaled from a savepoint keeps its open windows' state meaningful.
 */
public final class Spread {
    public static final int BUCKETS = 32;

    private Spread() {}

    public static int bucketOf(String userId) {
        int h = userId.hashCode() * 0xcc9e2d51;
        h = Integer.rotateLeft(h, 15) * 0x1b873593;
        return Math.floorMod(h, BUCKETS);
    }
}
