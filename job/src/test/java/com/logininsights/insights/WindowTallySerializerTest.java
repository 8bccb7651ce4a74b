package com.logininsights.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.model.LoginEvent;
import com.logininsights.model.SourcePosition;
import com.logininsights.testing.Logins;
import java.io.InputStream;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The window tally's state format: today's round trip, and state that release 0.1 wrote. */
class WindowTallySerializerTest {
    private static final SourcePosition SOURCE = new SourcePosition("user-login", 0, 0, 0);

    private static LoginEvent login(String user, String device, String locale, String version) {
        return Logins.event(user, version, device, "1.2.3.4", locale, "d", 1_000, SOURCE);
    }

    @Test
    void theSerializerRoundTripsATally() throws Exception {
        WindowTally window = new WindowTally();
        window.stamp(120_000, 180_000, 7);
        window.add(login("a", "android", "TX", "2.3.0"), DimensionLimits.NONE);
        window.add(login("b", "ios", "RU", null), DimensionLimits.NONE);
        window.add(login("a", null, "TX", "2.4.0"), DimensionLimits.NONE);

        WindowTally copy = roundTrip(window);

        assertThat(copy.windowStartMillis()).isEqualTo(120_000);
        assertThat(copy.windowEndMillis()).isEqualTo(180_000);
        assertThat(copy.spread()).isEqualTo(7);
        assertThat(WindowInsights.summary(copy, 0)).isEqualTo(WindowInsights.summary(window, 0));
        assertThat(WindowInsights.perValue(copy, 0)).isEqualTo(WindowInsights.perValue(window, 0));
        assertThat(WindowInsights.summary(WindowTallySerializer.INSTANCE.copy(window), 0))
                .isEqualTo(WindowInsights.summary(window, 0));
    }

    /** Release 0.1 wrote values as modified UTF-8, at most 65,535 bytes: this one is 65,538. */
    @Test
    void valuesOfAnyLengthAndAnyCharactersRoundTrip() throws Exception {
        String emoji = "🙂".repeat(10_923);
        String controlsAndLoneSurrogates = "\u0000\u001f\ud800x\udfff\uffff";
        WindowTally window = new WindowTally();
        window.add(login("a", controlsAndLoneSurrogates, emoji, "2.3.0"), DimensionLimits.NONE);

        WindowTally copy = roundTrip(window);

        // Compared as booleans: a failure message would otherwise print 43 KB of emoji.
        assertThat(copy.values(Dimension.LOCALE).keySet().equals(java.util.Set.of(emoji)))
                .isTrue();
        assertThat(copy.values(Dimension.DEVICE_TYPE).keySet().equals(java.util.Set.of(controlsAndLoneSurrogates)))
                .isTrue();
    }

    @Test
    void stateThatRelease01WroteIsReadAndMigrated() throws Exception {
        TypeSerializerSnapshot<WindowTally> written = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(resource("window-tally-0.1.snapshot")),
                getClass().getClassLoader());

        TypeSerializerSchemaCompatibility<WindowTally> compatibility =
                WindowTallySerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(written);
        assertThat(compatibility.isCompatibleAfterMigration()).isTrue();

        TypeSerializer<WindowTally> reader = written.restoreSerializer();
        WindowTally tally = reader.deserialize(new DataInputDeserializer(resource("window-tally-0.1.bin")));

        // Written from: a android TX 2.3.0; b ios RU 2.3.0; a android TX 2.4.0; c (no device) Ωmega-ü 2.3.0.
        assertThat(tally.windowStartMillis()).isEqualTo(1_694_479_500_000L);
        assertThat(tally.windowEndMillis()).isEqualTo(1_694_479_560_000L);
        assertThat(tally.spread()).isEqualTo(7);
        assertThat(tally.logins()).isEqualTo(4);
        assertThat(tally.distinctUsers()).isEqualTo(3);
        assertThat(counts(tally, Dimension.DEVICE_TYPE)).isEqualTo(Map.of("android", 2L, "ios", 1L, "unknown", 1L));
        assertThat(counts(tally, Dimension.LOCALE)).isEqualTo(Map.of("TX", 2L, "RU", 1L, "Ωmega-ü", 1L));
        assertThat(counts(tally, Dimension.APP_VERSION)).isEqualTo(Map.of("2.3.0", 3L, "2.4.0", 1L));
        assertThat(tally.values(Dimension.LOCALE).get("TX").distinctUsers()).isEqualTo(1);

        WindowTally migrated = roundTrip(tally);
        assertThat(WindowInsights.perValue(migrated, 0)).isEqualTo(WindowInsights.perValue(tally, 0));
    }

    @Test
    void todaysStateNeedsNoMigration() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, WindowTallySerializer.INSTANCE.snapshotConfiguration());
        TypeSerializerSnapshot<WindowTally> written = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(WindowTallySerializer.INSTANCE
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(written)
                        .isCompatibleAsIs())
                .isTrue();
        assertThat(written.restoreSerializer()).isEqualTo(WindowTallySerializer.INSTANCE);
    }

    private static Map<String, Long> counts(WindowTally tally, Dimension dimension) {
        Map<String, Long> counts = new java.util.HashMap<>();
        tally.values(dimension).forEach((value, values) -> counts.put(value, values.logins()));
        return counts;
    }

    static WindowTally roundTrip(WindowTally tally) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        WindowTallySerializer.INSTANCE.serialize(tally, out);
        return WindowTallySerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    private byte[] resource(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/state/0.1/" + name)) {
            return in.readAllBytes();
        }
    }
}
