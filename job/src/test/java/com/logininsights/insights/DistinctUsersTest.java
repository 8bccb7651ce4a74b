package com.logininsights.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DistinctUsersTest {

    @Test
    void theSameUsersGiveTheSameEstimateWhateverOrderTheyArriveInAndHoweverBucketsMerge() {
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < 1800; i++) {
            users.add(DistinctUsers.userKey("user-" + i));
        }
        Set<Long> estimates = new HashSet<>();
        for (int order = 0; order < 5; order++) {
            Collections.shuffle(users, new Random(order));
            DistinctUsers[] buckets = new DistinctUsers[Spread.BUCKETS];
            for (int b = 0; b < buckets.length; b++) {
                buckets[b] = new DistinctUsers();
            }
            for (long user : users) {
                buckets[(int) Math.floorMod(user, (long) buckets.length)].add(user);
            }
            // As phase two sees them: each bucket's sketch after the network (serialized), in an order of arrival.
            List<Integer> arrival = new ArrayList<>();
            for (int b = 0; b < buckets.length; b++) {
                arrival.add(b);
            }
            Collections.shuffle(arrival, new Random(100 + order));
            DistinctUsers window = new DistinctUsers();
            for (int b : arrival) {
                window.addAll(DistinctUsers.fromBytes(buckets[b].toBytes()));
            }
            estimates.add(window.estimate());
        }
        assertThat(estimates)
                .as("estimates of 1,800 users over five orders of arrival")
                .hasSize(1);
        assertThat((double) estimates.iterator().next())
                .isCloseTo(1800, org.assertj.core.data.Percentage.withPercentage(5));
    }

    @Test
    void aWholeSketchAndItsBucketsMergedGiveTheSameEstimate() {
        DistinctUsers whole = new DistinctUsers();
        DistinctUsers[] buckets = {new DistinctUsers(), new DistinctUsers(), new DistinctUsers()};
        for (int i = 0; i < 5000; i++) {
            long user = DistinctUsers.userKey("user-" + i);
            whole.add(user);
            buckets[i % 3].add(user);
        }
        DistinctUsers merged = new DistinctUsers();
        for (DistinctUsers bucket : buckets) {
            merged.addAll(bucket);
        }
        assertThat(merged.estimate()).isEqualTo(whole.estimate());
    }
}
