package com.logininsights.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.model.LoginEvent;
import com.logininsights.model.SourcePosition;
import com.logininsights.testing.Logins;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class WindowInsightsTest {
    private static final SourcePosition SOURCE = new SourcePosition("user-login", 0, 0, 0);
    private static final DimensionLimits LIMITS = DimensionLimits.perWindow(256);
    /** The dimensions {@link #login} sets a value of. */
    private static final Set<Dimension> NAMED_BY_THESE_LOGINS =
            EnumSet.of(Dimension.DEVICE_TYPE, Dimension.LOCALE, Dimension.APP_VERSION);

    private static LoginEvent login(String user, String device, String locale, String version) {
        return Logins.event(user, version, device, "1.2.3.4", locale, "d", 1_000, SOURCE);
    }

    /**
     * Ten logins by six users, a to f. By hand: android 5 logins by a, b, c; ios 4 by d, e, f; unknown 1 by f.
     * TX 4 by a, b, f; RU 3 by c, d; CA, NY, VA 1 each. Two records miss a field (f's null app_version and f's
     * null device_type).
     */
    private static List<LoginEvent> tenLogins() {
        return List.of(
                login("a", "android", "TX", "2.3.0"),
                login("a", "android", "TX", "2.3.0"),
                login("b", "android", "TX", "2.3.0"),
                login("c", "android", "RU", "2.3.0"),
                login("c", "android", "RU", "2.4.0"),
                login("d", "ios", "RU", "2.4.0"),
                login("e", "ios", "VA", "2.4.0"),
                login("e", "ios", "CA", "2.4.0"),
                login("f", "ios", "NY", null),
                login("f", null, "TX", "2.3.0"));
    }

    @Test
    void theSummaryOfOneWindowMatchesFiguresWorkedOutByHand() {
        WindowTally window = new WindowTally();
        window.stamp(0, 60_000, 0);
        tenLogins().forEach(login -> window.add(login, LIMITS));

        WindowSummary summary = WindowInsights.summary(window, 0);

        assertThat(summary.logins()).isEqualTo(10);
        assertThat(summary.distinctUsers()).isEqualTo(6);
        assertThat(summary.recordsWithMissingFields()).isEqualTo(2);
        assertThat(summary.deviceShare()).isEqualTo(Map.of("android", 0.5, "ios", 0.4, "unknown", 0.1));
        assertThat(summary.topLocales())
                .containsExactly(
                        new LocaleCount("TX", 4, 3),
                        new LocaleCount("RU", 3, 2),
                        new LocaleCount("CA", 1, 1),
                        new LocaleCount("NY", 1, 1),
                        new LocaleCount("VA", 1, 1));
        assertThat(summary.windowStartMillis()).isZero();
        assertThat(summary.windowEndMillis()).isEqualTo(60_000);
    }

    @Test
    void perValueRowsCountLoginsAndDistinctUsers() {
        WindowTally window = new WindowTally();
        tenLogins().forEach(login -> window.add(login, LIMITS));

        Map<String, long[]> rows = new HashMap<>();
        for (DimensionInsight row : WindowInsights.perValue(window, 3)) {
            assertThat(row.revision()).isEqualTo(3);
            if (NAMED_BY_THESE_LOGINS.contains(row.dimension())) {
                rows.put(row.dimension().fieldName() + "=" + row.value(), new long[] {row.logins(), row.distinctUsers()
                });
            } else {
                // A dimension these logins do not name: every one of them counts as unknown.
                assertThat(row.value()).isEqualTo(LoginEvent.UNKNOWN);
                assertThat(new long[] {row.logins(), row.distinctUsers()}).containsExactly(10, 6);
            }
        }
        assertThat(rows)
                .containsOnlyKeys(
                        "device_type=android",
                        "device_type=ios",
                        "device_type=unknown",
                        "locale=TX",
                        "locale=RU",
                        "locale=VA",
                        "locale=CA",
                        "locale=NY",
                        "app_version=2.3.0",
                        "app_version=2.4.0",
                        "app_version=unknown");
        assertThat(rows.get("device_type=android")).containsExactly(5, 3);
        assertThat(rows.get("device_type=ios")).containsExactly(4, 3);
        assertThat(rows.get("device_type=unknown")).containsExactly(1, 1);
        assertThat(rows.get("app_version=2.3.0")).containsExactly(5, 4);
        assertThat(rows.get("app_version=2.4.0")).containsExactly(4, 3);
        assertThat(rows.get("app_version=unknown")).containsExactly(1, 1);
    }

    @Test
    void tallyingPerSpreadBucketAndMergingEqualsTallyingTheWholeWindow() {
        Map<Integer, WindowTally> buckets = new HashMap<>();
        WindowTally whole = new WindowTally();
        List<LoginEvent> logins = new ArrayList<>(tenLogins());
        for (int i = 0; i < 2000; i++) {
            logins.add(login("user-" + (i % 700), i % 3 == 0 ? "ios" : "android", "L" + (i % 9), "1." + (i % 4)));
        }
        for (LoginEvent login : logins) {
            whole.add(login, LIMITS);
            buckets.computeIfAbsent(Spread.bucketOf(login.userId()), b -> new WindowTally())
                    .add(login, LIMITS);
        }
        WindowTally merged = new WindowTally();
        buckets.values().forEach(bucket -> merged.addAll(bucket, LIMITS));

        assertThat(buckets.size()).as("buckets used").isGreaterThan(Spread.BUCKETS / 2);
        WindowSummary mergedSummary = WindowInsights.summary(merged, 0);
        WindowSummary wholeSummary = WindowInsights.summary(whole, 0);
        assertThat(mergedSummary.logins()).isEqualTo(2010);
        assertThat(mergedSummary.deviceShare()).isEqualTo(wholeSummary.deviceShare());
        assertThat(mergedSummary.recordsWithMissingFields()).isEqualTo(wholeSummary.recordsWithMissingFields());
        assertThat(mergedSummary.topLocales())
                .extracting(LocaleCount::locale, LocaleCount::logins)
                .isEqualTo(wholeSummary.topLocales().stream()
                        .map(l -> org.assertj.core.groups.Tuple.tuple(l.locale(), l.logins()))
                        .toList());
        assertThat(WindowInsights.perValue(merged, 0))
                .extracting(DimensionInsight::logins)
                .isEqualTo(WindowInsights.perValue(whole, 0).stream()
                        .map(DimensionInsight::logins)
                        .toList());
        // 706 users is past the 384 a sketch counts exactly: both ways are estimates within the sketch's error.
        assertThat((double) mergedSummary.distinctUsers()).isCloseTo(706, Percentage.withPercentage(3));
        assertThat((double) wholeSummary.distinctUsers()).isCloseTo(706, Percentage.withPercentage(3));
    }

    @Test
    void aRefiredBucketReplacesItsEarlierTallyInsteadOfAddingToIt() {
        WindowTally bucket3First = tally(3, login("a", "ios", "TX", "1"), login("b", "ios", "TX", "1"));
        WindowTally bucket5 = tally(5, login("c", "android", "RU", "1"));
        WindowTally bucket3AfterALateEvent =
                tally(3, login("a", "ios", "TX", "1"), login("b", "ios", "TX", "1"), login("d", "android", "VA", "1"));

        WindowTally window =
                WindowInsights.mergeLatestPerBucket(List.of(bucket3First, bucket5, bucket3AfterALateEvent), LIMITS);

        assertThat(window.logins()).isEqualTo(4);
        assertThat(window.distinctUsers()).isEqualTo(4);
        assertThat(window.values(Dimension.DEVICE_TYPE).get("ios").logins()).isEqualTo(2);
    }

    @Test
    void aValueLongerThan64CharactersCountsAsOther() {
        WindowTally window = new WindowTally();
        String huge = "🙂".repeat(10_923);
        window.add(login("a", "android", huge, "2.3.0"), LIMITS);
        window.add(login("b", "android", "x".repeat(64), "2.3.0"), LIMITS);

        assertThat(window.values(Dimension.LOCALE).keySet())
                .containsExactlyInAnyOrder(DimensionLimits.OTHER, "x".repeat(64));
        assertThat(window.logins()).isEqualTo(2);
    }

    @Test
    void pastTheCapNewValuesCountAsOtherAndTheTotalsStayExact() {
        DimensionLimits three = DimensionLimits.perWindow(3);
        WindowTally window = new WindowTally();
        for (String locale : List.of("TX", "RU", "TX", "VA", "CA", "NY", "CA", "TX")) {
            window.add(login("user-" + locale, "android", locale, "2.3.0"), three);
        }

        // TX, RU and VA came first; CA twice and NY once are other: 3 logins by 2 users.
        assertThat(window.values(Dimension.LOCALE)).containsOnlyKeys("TX", "RU", "VA", DimensionLimits.OTHER);
        assertThat(window.values(Dimension.LOCALE).get(DimensionLimits.OTHER).logins())
                .isEqualTo(3);
        assertThat(window.values(Dimension.LOCALE).get(DimensionLimits.OTHER).distinctUsers())
                .isEqualTo(2);
        assertThat(window.logins()).isEqualTo(8);
    }

    @Test
    void aWholeWindowKeepsTheValuesWithTheMostLoginsAcrossBuckets() {
        DimensionLimits two = DimensionLimits.perWindow(2);
        // Bucket 1 counted TX and RU first; bucket 2 counted CA and NY first, then VA as other.
        WindowTally bucket1 = tally(1, two, login("a", "ios", "TX", "1"), login("b", "ios", "RU", "1"));
        WindowTally bucket2 = tally(
                2,
                two,
                login("c", "ios", "CA", "1"),
                login("d", "ios", "CA", "1"),
                login("e", "ios", "NY", "1"),
                login("f", "ios", "CA", "1"),
                login("g", "ios", "VA", "1"));

        WindowTally window = WindowInsights.mergeLatestPerBucket(List.of(bucket1, bucket2), two);

        // CA has 3 logins; then NY, RU and TX have 1 each, and NY comes first by name. Other: RU, TX and VA.
        Map<String, ValueTally> locales = window.values(Dimension.LOCALE);
        assertThat(locales).containsOnlyKeys("CA", "NY", DimensionLimits.OTHER);
        assertThat(locales.get("CA").logins()).isEqualTo(3);
        assertThat(locales.get(DimensionLimits.OTHER).logins()).isEqualTo(3);
        assertThat(window.logins()).isEqualTo(7);
    }

    private static WindowTally tally(int bucket, LoginEvent... logins) {
        return tally(bucket, LIMITS, logins);
    }

    private static WindowTally tally(int bucket, DimensionLimits limits, LoginEvent... logins) {
        WindowTally tally = new WindowTally();
        tally.stamp(0, 60_000, bucket);
        for (LoginEvent login : logins) {
            tally.add(login, limits);
        }
        return tally;
    }

    @Test
    void distinctUsersAreExactUpTo384UsersPerSketch() {
        WindowTally window = new WindowTally();
        for (int i = 0; i < 384; i++) {
            window.add(login("user-" + i, "android", "TX", "2.3.0"), LIMITS);
        }
        assertThat(window.distinctUsers()).isEqualTo(384);
    }

    @Test
    void distinctUsersStayWithinTheSketchErrorForManyUsersAndTheStateStaysSmall() throws Exception {
        WindowTally window = new WindowTally();
        for (int i = 0; i < 200_000; i++) {
            window.add(login("user-" + i, "android", "TX", "2.3.0"), LIMITS);
        }
        assertThat((double) window.distinctUsers()).isCloseTo(200_000, Percentage.withPercentage(5));
        DataOutputSerializer out = new DataOutputSerializer(1024);
        WindowTallySerializer.INSTANCE.serialize(window, out);
        // A sketch for all users, and one for the single value of each dimension.
        assertThat(out.length())
                .as("bytes of state for 200,000 users")
                .isLessThan((1 + Dimension.values().length) * 5000);
    }

    @Test
    void flinkPicksOurSerializerForTheTally() {
        assertThat(org.apache.flink.api.common.typeinfo.TypeInformation.of(WindowTally.class)
                        .createSerializer(new org.apache.flink.api.common.serialization.SerializerConfigImpl()))
                .isInstanceOf(WindowTallySerializer.class);
    }
}
