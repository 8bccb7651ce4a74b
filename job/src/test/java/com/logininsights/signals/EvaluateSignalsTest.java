package com.logininsights.signals;

import static com.logininsights.testing.SignalsHarness.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.common.Signal;
import com.logininsights.testing.SignalsHarness;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each signal's edges, worked out by hand, on the real operator: exactly at the threshold and one over, out of order
 * within the bound, across a window boundary (1-minute windows would split these spans; the signals' spans slide),
 * across a restart, and the state each subject leaves behind. Times are seconds.
 */
class EvaluateSignalsTest {

    private static SignalsHarness only(String signal, String... flags) throws Exception {
        String[] all = new String[flags.length + 2];
        all[0] = "--signals";
        all[1] = signal;
        System.arraycopy(flags, 0, all, 2, flags.length);
        return SignalsHarness.withFlags(all);
    }

    @Nested
    class NewDevice {
        @Test
        void aUsersFirstDeviceIsNotNewTheSecondIsAndAKnownOneIsNot() throws Exception {
            try (SignalsHarness job = only("new_device", "--device-memory", "1h")) {
                job.login("u", 0, "d1", null, null, null);
                job.login("u", 10, "d2", null, null, null);
                job.login("u", 20, "d1", null, null, null);
                job.login("u", 30, "d2", null, null, null);
                job.watermark(100);

                assertThat(job.alerts()).singleElement().satisfies(alert -> {
                    assertThat(alert.signal()).isEqualTo(Signal.NEW_DEVICE);
                    assertThat(alert.subject()).isEqualTo("u");
                    assertThat(alert.eventTimeMillis()).isEqualTo(at(10));
                    assertThat(alert.source().offset()).isEqualTo(1);
                    assertThat(alert.evidence()).isEqualTo(new Alert.NewDevice("d2", "d1", at(0), 1));
                });
            }
        }

        @Test
        void aDeviceSeenExactlyTheMemoryAgoIsKnownOneSecondMoreIsForgotten() throws Exception {
            try (SignalsHarness job = only("new_device", "--device-memory", "1h")) {
                job.login("u", 0, "d1", null, null, null);
                job.login("u", 3600, "d2", null, null, null); // d1 seen exactly 1 h ago: known, so d2 is new
                job.login("u", 7200, "d1", null, null, null); // d1 now 2 h ago, d2 exactly 1 h: d1 is new again
                job.login("u", 7201, "d2", null, null, null); // d2 seen 1 h 1 s ago: forgotten, d1 known: new
                job.watermark(8000);

                assertThat(job.alerts())
                        .extracting(Alert::evidence)
                        .containsExactly(
                                new Alert.NewDevice("d2", "d1", at(0), 1),
                                new Alert.NewDevice("d1", "d2", at(3600), 1),
                                new Alert.NewDevice("d2", "d1", at(7200), 1));
            }
        }

        @Test
        void outOfOrderWithinTheBoundIsEvaluatedInEventTimeOrder() throws Exception {
            try (SignalsHarness job = only("new_device")) {
                job.login("u", 12, "d2", null, null, null);
                job.login("u", 10, "d1", null, null, null); // arrives second, happened first
                job.watermark(12);

                assertThat(job.alerts())
                        .extracting(Alert::evidence)
                        .containsExactly(new Alert.NewDevice("d2", "d1", at(10), 1));
            }
        }

        @Test
        void theDevicesSurviveARestart() throws Exception {
            try (SignalsHarness job = only("new_device")) {
                job.login("u", 50, "d1", null, null, null);
                job.login("u", 65, "d2", null, null, null); // waiting for event time when the job stops
                job.watermark(55);
                job.restart();
                job.watermark(70);

                assertThat(job.alerts())
                        .extracting(Alert::evidence)
                        .containsExactly(new Alert.NewDevice("d2", "d1", at(50), 1));
            }
        }

        @Test
        void aUserWhoStopsLeavesNoStateAfterTheMemoryInEventTime() throws Exception {
            try (SignalsHarness job = only("new_device", "--device-memory", "1h")) {
                job.login("u", 0, "d1", null, null, null);
                job.login("u", 10, "d2", null, null, null);
                job.watermark(3609);
                assertThat(job.keysWithState()).isEqualTo(1);
                job.watermark(3610);
                assertThat(job.keysWithState()).isZero();
                assertThat(job.timers()).isZero();
                // Back after that: a first device again, nothing to compare it with.
                job.login("u", 4000, "d3", null, null, null);
                job.watermark(4000);
                assertThat(job.alerts()).hasSize(1); // d2's alert of before
            }
        }

        @Test
        void aLoginWithoutADeviceIdIsNoDevice() throws Exception {
            try (SignalsHarness job = only("new_device")) {
                job.login("u", 0, "d1", null, null, null);
                job.login("u", 1, null, null, null, null);
                job.login("u", 2, "d1", null, null, null);
                job.watermark(10);
                assertThat(job.alerts()).isEmpty();
            }
        }
    }

    @Nested
    class LocaleHop {
        @Test
        void twoLocalesExactlyTheSpanApartHopOneSecondMoreDoNot() throws Exception {
            try (SignalsHarness job = only("locale_hop", "--locale-hop-within", "1h")) {
                job.login("a", 0, null, "TX", null, null);
                job.login("a", 3600, null, "RU", null, null);
                job.login("b", 0, null, "TX", null, null);
                job.login("b", 3601, null, "RU", null, null);
                job.watermark(4000);

                assertThat(job.alerts()).singleElement().satisfies(alert -> {
                    assertThat(alert.subject()).isEqualTo("a");
                    assertThat(alert.evidence()).isEqualTo(new Alert.LocaleHop("RU", "TX", at(0)));
                });
            }
        }

        @Test
        void hopsThatFollowEachOtherWithinTheSpanAreOneEpisode() throws Exception {
            try (SignalsHarness job = only("locale_hop", "--locale-hop-within", "1h")) {
                job.login("a", 0, null, "TX", null, null);
                job.login("a", 60, null, "RU", null, null); // hop: alert
                job.login("a", 120, null, "TX", null, null); // hop back within 1 h of the last hop: same episode
                job.login("a", 3000, null, "RU", null, null); // same again
                job.login("a", 7000, null, "TX", null, null); // 4000 s after the last locale: no hop
                job.login("a", 7100, null, "DE", null, null); // a hop over 1 h after the last: a new episode
                job.login("a", 7150, null, null, null, null); // no locale: no news
                job.watermark(8000);

                assertThat(job.alerts())
                        .extracting(Alert::evidence)
                        .containsExactly(
                                new Alert.LocaleHop("RU", "TX", at(0)), new Alert.LocaleHop("DE", "TX", at(7000)));
            }
        }

        @Test
        void acrossAWindowBoundaryAndOutOfOrder() throws Exception {
            try (SignalsHarness job = only("locale_hop")) {
                job.login("a", 61, null, "RU", null, null);
                job.login("a", 59, null, "TX", null, null); // earlier, in the window before
                job.watermark(61);

                assertThat(job.alerts())
                        .extracting(Alert::evidence)
                        .containsExactly(new Alert.LocaleHop("RU", "TX", at(59)));
            }
        }
    }

    @Nested
    class Burst {
        @Test
        void exactlyTheThresholdIsNoBurstOneMoreIsOneAlertWhenItEnds() throws Exception {
            try (SignalsHarness job = only("burst", "--burst-logins", "3", "--burst-within", "1m")) {
                for (int second : new int[] {0, 10, 20}) {
                    job.login("a", second, null, null, null, null);
                }
                for (int second : new int[] {0, 10, 20, 30}) {
                    job.login("b", second, null, null, null, null);
                }
                job.watermark(59.999);
                assertThat(job.alerts())
                        .as("b's burst goes on until its first login leaves the span")
                        .isEmpty();
                job.watermark(60);

                assertThat(job.alerts()).singleElement().satisfies(alert -> {
                    assertThat(alert.signal()).isEqualTo(Signal.BURST);
                    assertThat(alert.subject()).isEqualTo("b");
                    assertThat(alert.eventTimeMillis())
                            .as("the login that crossed")
                            .isEqualTo(at(30));
                    assertThat(alert.evidence()).isEqualTo(new Alert.Count(4, at(0), at(30), List.of(), 3, 60_000));
                });
            }
        }

        @Test
        void theSpanIsOpenAtItsStart() throws Exception {
            try (SignalsHarness job = only("burst", "--burst-logins", "3", "--burst-within", "1m")) {
                for (int second : new int[] {0, 10, 20, 60}) { // 0 is a whole minute before 60: out of its span
                    job.login("a", second, null, null, null, null);
                }
                for (double second : new double[] {0, 10, 20, 59.999}) {
                    job.login("b", second, null, null, null, null);
                }
                job.watermark(1000);
                assertThat(job.alerts()).extracting(Alert::subject).containsExactly("b");
            }
        }

        @Test
        void fiveHundredLoginsAreOneAlertThatCountsThem() throws Exception {
            try (SignalsHarness job = only("burst")) {
                for (int i = 0; i < 500; i++) {
                    job.login("bot", 50 + i / 10.0, null, null, null, null); // 10 a second, across window 60
                }
                job.watermark(200);
                assertThat(job.alerts())
                        .singleElement()
                        .satisfies(alert -> assertThat(alert.evidence())
                                .isEqualTo(new Alert.Count(500, at(50), at(99.9), List.of(), 10, 60_000)));
            }
        }

        @Test
        void outOfOrderAndAcrossARestartItIsTheSameAlert() throws Exception {
            try (SignalsHarness job = only("burst", "--burst-logins", "3")) {
                job.login("a", 13, null, null, null, null);
                job.login("a", 11, null, null, null, null);
                job.watermark(11);
                job.restart();
                job.login("a", 12, null, null, null, null);
                job.login("a", 14, null, null, null, null);
                job.watermark(12);
                job.restart();
                job.login("a", 15, null, null, null, null);
                job.watermark(200);

                assertThat(job.alerts()).singleElement().satisfies(alert -> {
                    assertThat(alert.eventTimeMillis()).isEqualTo(at(14));
                    assertThat(alert.evidence()).isEqualTo(new Alert.Count(5, at(11), at(15), List.of(), 3, 60_000));
                });
            }
        }

        @Test
        void aBurstThatGoesOnIsReportedOncePerMaxEpisode() throws Exception {
            try (SignalsHarness job = only("burst", "--burst-logins", "1", "--max-episode", "1m")) {
                for (int second = 0; second <= 150; second += 10) { // 16 logins, every 10 s
                    job.login("a", second, null, null, null, null);
                }
                job.watermark(1000);
                // Fires at 10 (two within a minute); the first episode runs to 70 and counts 0..70, the next fires
                // at 80, runs to 140, counts 70..140; the last fires at 150 and ends when 150's span does.
                assertThat(job.alerts())
                        .extracting(alert -> (Alert.Count) alert.evidence())
                        .extracting(Alert.Count::logins, Alert.Count::firstLoginMillis, Alert.Count::lastLoginMillis)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(8L, at(0), at(70)),
                                org.assertj.core.groups.Tuple.tuple(8L, at(70), at(140)),
                                org.assertj.core.groups.Tuple.tuple(2L, at(140), at(150)));
            }
        }

        @Test
        void aBurstLeavesNoStateOnceItsSpanHasPassed() throws Exception {
            try (SignalsHarness job = only("burst", "--burst-logins", "1")) {
                job.login("a", 0, null, null, null, null);
                job.login("a", 1, null, null, null, null);
                job.watermark(60);
                assertThat(job.alerts()).hasSize(1);
                assertThat(job.keysWithState()).isEqualTo(1);
                job.watermark(61);
                assertThat(job.keysWithState()).isZero();
                assertThat(job.timers()).isZero();
            }
        }
    }

    @Nested
    class Shared {
        @Test
        void oneUserOverTheThresholdWithinTheSpanNamesTheUsersAndCountsTheLoginsFromThere() throws Exception {
            try (SignalsHarness job =
                    only("shared_ip,shared_device", "--shared-ip-users", "2", "--shared-within", "10m")) {
                job.login("a", 0, "dev", null, null, "10.0.0.1");
                job.login("b", 100, "dev", null, null, "10.0.0.1");
                job.login("a", 200, "dev", null, null, "10.0.0.1"); // still two users
                job.watermark(300);
                assertThat(job.alerts()).isEmpty();
                job.login("c", 500, "dev", null, null, "10.0.0.1"); // a third: over 2
                job.login("c", 550, "dev", null, null, "10.0.0.1");
                // The span of 10 min loses b at 700: two users left.
                job.watermark(699.999);
                assertThat(job.alerts()).isEmpty();
                job.watermark(700);

                assertThat(job.alerts()).singleElement().satisfies(alert -> {
                    assertThat(alert.signal()).isEqualTo(Signal.SHARED_IP);
                    assertThat(alert.subject()).isEqualTo("10.0.0.1");
                    assertThat(alert.userId()).isEqualTo("c");
                    assertThat(alert.eventTimeMillis()).isEqualTo(at(500));
                    assertThat(alert.evidence())
                            .isEqualTo(new Alert.Count(2, at(100), at(550), List.of("b", "a", "c"), 2, 600_000));
                });
                assertThat(job.keysWithState())
                        .as("the address and the device, until 10 min after c")
                        .isEqualTo(2);
                job.watermark(1150);
                assertThat(job.keysWithState()).isZero();
                assertThat(job.timers()).isZero();
                assertThat(job.alerts())
                        .as("the device had 3 users, under its default of 20")
                        .isEmpty();
            }
        }

        @Test
        void aSharedDeviceAcrossARestartWithUsersOutOfOrder() throws Exception {
            try (SignalsHarness job = only("shared_device", "--shared-device-users", "2")) {
                job.login("c", 30, "dev", null, null, null);
                job.login("a", 10, "dev", null, null, null);
                job.restart();
                job.login("b", 20, "dev", null, null, null);
                job.watermark(30);
                job.restart();
                job.watermark(10_000);

                assertThat(job.alerts()).singleElement().satisfies(alert -> {
                    assertThat(alert.subject()).isEqualTo("dev");
                    assertThat(alert.userId()).isEqualTo("c");
                    assertThat(alert.evidence())
                            .isEqualTo(new Alert.Count(1, at(10), at(30), List.of("a", "b", "c"), 2, 600_000));
                });
                assertThat(job.keysWithState()).isZero();
            }
        }
    }

    @Nested
    class WatchedLocaleAndOutdatedVersion {
        @Test
        void aUserEnteringAWatchedLocaleIsOneAlertUntilTheyLeaveIt() throws Exception {
            try (SignalsHarness job = only("watched_locale", "--watched-locales", "kp,IR")) {
                job.login("a", 0, null, "TX", null, null);
                job.login("a", 10, null, "KP", null, null);
                job.login("a", 20, null, "KP", null, null);
                job.login("a", 30, null, null, null, null);
                job.login("a", 40, null, "TX", null, null);
                job.login("a", 50, null, "KP", null, null);
                job.login("b", 60, null, "IR", null, null);
                job.watermark(100);

                assertThat(job.alerts())
                        .extracting(Alert::subject, Alert::evidence)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("a", new Alert.WatchedLocale("KP", "TX")),
                                org.assertj.core.groups.Tuple.tuple("a", new Alert.WatchedLocale("KP", "TX")),
                                org.assertj.core.groups.Tuple.tuple("b", new Alert.WatchedLocale("IR", null)));
            }
        }

        @Test
        void versionsAreComparedAsVersionsAndAUserOnAnOutdatedOneIsOneAlert() throws Exception {
            try (SignalsHarness job = only("outdated_version", "--minimum-app-version", "2.10")) {
                String[] versions = {"2.9.9", "2.9.9", "2.10", "2.10.0", "10.0", "2.10.0-beta", "banana", "2.9.9"};
                for (int i = 0; i < versions.length; i++) {
                    job.login("a", i, null, null, versions[i], null);
                }
                job.watermark(100);

                assertThat(job.alerts())
                        .extracting(alert -> ((Alert.OutdatedVersion) alert.evidence()).appVersion())
                        .containsExactly("2.9.9", "2.10.0-beta", "2.9.9");
            }
        }
    }

    @Test
    void aLoginLaterThanTheWatermarkIsSetAsideNotEvaluatedOutOfOrder() throws Exception {
        try (SignalsHarness job = SignalsHarness.withFlags()) {
            job.login("a", 10, "d1", "TX", null, "10.0.0.1");
            job.watermark(20);
            job.login("a", 15, "d2", "RU", null, "10.0.0.1");
            job.watermark(100);

            assertThat(job.alerts()).isEmpty();
            assertThat(job.late())
                    .extracting(Sighting::subject)
                    .containsExactlyInAnyOrder(Subject.USER, Subject.DEVICE, Subject.IP);
        }
    }

    @Test
    void allowedLatenessHoldsTheEvaluationBackSoThatLoginsWithinItStillCountInOrder() throws Exception {
        try (SignalsHarness job = SignalsHarness.withFlags("--signals", "new_device", "--allowed-lateness", "1m")) {
            job.login("a", 10, "d2", null, null, null);
            job.watermark(20);
            job.login("a", 5, "d1", null, null, null); // behind the watermark, within the lateness
            job.watermark(70);

            assertThat(job.alerts())
                    .extracting(Alert::evidence)
                    .containsExactly(new Alert.NewDevice("d2", "d1", at(5), 1));
            assertThat(job.late()).isEmpty();
        }
    }
}
