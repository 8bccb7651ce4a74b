package com.logininsights.tools.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UserPoolTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration JITTER = Duration.ofSeconds(2);

    @Test
    void everyUserLogsInOncePerRoundEachRoundInAnotherOrder() {
        UserPool pool = new UserPool(1_000, new SplittableRandom(1), UpstreamValues.ALL);
        int[] first = rounds(pool, 1);
        int[] second = rounds(pool, 1);

        assertThat(distinct(first)).isEqualTo(1_000);
        assertThat(distinct(second)).isEqualTo(1_000);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void poolsOfEverySizeFromOneUpVisitEveryUserOncePerRound() {
        for (int size : new int[] {1, 2, 3, 4, 12, 97, 360}) {
            UserPool pool = new UserPool(size, new SplittableRandom(size), UpstreamValues.ALL);
            for (int round = 0; round < 3; round++) {
                assertThat(distinct(rounds(pool, 1)))
                        .as("size %d, round %d", size, round)
                        .isEqualTo(size);
            }
        }
    }

    @Test
    void tenMillionUsersCostNoMemoryAndNoneRepeatsWithinARound() {
        int size = 10_000_000;
        UserPool pool = new UserPool(size, new SplittableRandom(7), UpstreamValues.ALL);
        BitSet seen = new BitSet(size);
        for (int i = 0; i < 2_000_000; i++) {
            int index = pool.nextIndex();
            assertThat(seen.get(index)).as("user %d twice in one round", index).isFalse();
            seen.set(index);
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(pool.next().userId());
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void aUserCarriesTheSameValuesAtEveryLoginAndTheSameSeedGivesTheSameUsers() {
        UserPool pool = new UserPool(50, new SplittableRandom(3), UpstreamValues.ALL);
        UserPool again = new UserPool(50, new SplittableRandom(3), UpstreamValues.ALL);
        UserPool other = new UserPool(50, new SplittableRandom(4), UpstreamValues.ALL);
        for (int index = 0; index < 50; index++) {
            assertThat(pool.user(index)).isEqualTo(pool.user(index)).isEqualTo(again.user(index));
            assertThat(pool.user(index).userId()).isNotEqualTo(other.user(index).userId());
        }
        for (int i = 0; i < 200; i++) {
            assertThat(pool.nextIndex()).isEqualTo(again.nextIndex());
        }
    }

    @Test
    void neighbouringUsersShareNothing() {
        UserPool pool = new UserPool(10_000, new SplittableRandom(5), UpstreamValues.ALL);
        Set<String> devices = new HashSet<>();
        for (int index = 0; index < 10_000; index++) {
            devices.add(pool.user(index).deviceId());
        }
        assertThat(devices).hasSizeGreaterThan(9_990);
    }

    @Test
    void theMostLoginsAUserCanHaveInAMinuteFollowFromTheRoundLength() {
        // --rate 10 with 10,000 users: a round lasts 1,000 s; a minute touches at most two rounds.
        assertThat(UserPool.mostLoginsWithin(MINUTE, 10_000, 10, JITTER)).isEqualTo(2);
        // --rate 5000 with 10,000 users (the soak): a login every 2 s.
        assertThat(UserPool.mostLoginsWithin(MINUTE, 10_000, 5_000, JITTER)).isEqualTo(33);
        long enough = UserPool.fewestUsersForAtMost(10, MINUTE, 5_000, JITTER);
        assertThat(UserPool.mostLoginsWithin(MINUTE, enough, 5_000, JITTER)).isEqualTo(10);
        assertThat(UserPool.mostLoginsWithin(MINUTE, enough - 1, 5_000, JITTER)).isEqualTo(11);
    }

    private static int[] rounds(UserPool pool, int rounds) {
        int[] indexes = new int[pool.size() * rounds];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = pool.nextIndex();
        }
        return indexes;
    }

    private static long distinct(int[] indexes) {
        return java.util.Arrays.stream(indexes).distinct().count();
    }
}
