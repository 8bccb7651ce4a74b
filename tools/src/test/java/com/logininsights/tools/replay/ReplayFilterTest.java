package com.logininsights.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayFilterTest {
    private static final Instant TEN = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2026-11-29T11:00:00Z");

    @Test
    void takesTheReasonsAskedFor() {
        ReplayFilter filter =
                new ReplayFilter(Set.of("missing_user_id", "wrong_type"), Optional.empty(), Optional.empty());

        assertThat(filter.test(letter("missing_user_id", TEN))).isTrue();
        assertThat(filter.test(letter("wrong_type", TEN))).isTrue();
        assertThat(filter.test(letter("not_json", TEN))).isFalse();
        assertThat(ReplayFilter.EVERYTHING.test(letter("not_json", TEN))).isTrue();
    }

    @Test
    void takesRecordsWrittenFromSinceUpToButNotIncludingUntil() {
        ReplayFilter filter = new ReplayFilter(Set.of(), Optional.of(TEN), Optional.of(ELEVEN));

        assertThat(filter.test(letter("empty", TEN.minusMillis(1)))).isFalse();
        assertThat(filter.test(letter("empty", TEN))).isTrue();
        assertThat(filter.test(letter("empty", ELEVEN.minusMillis(1)))).isTrue();
        assertThat(filter.test(letter("empty", ELEVEN))).isFalse();
    }

    @Test
    void describesItselfForTheSummary() {
        assertThat(ReplayFilter.EVERYTHING.describe()).isEqualTo("every dead letter");
        assertThat(new ReplayFilter(Set.of("wrong_type", "empty"), Optional.of(TEN), Optional.empty()).describe())
                .isEqualTo("reason empty or wrong_type, written to the input topic from 2026-11-29T10:00:00Z");
    }

    private static DeadLetter letter(String reason, Instant written) {
        return new DeadLetter(
                reason,
                "m",
                null,
                new DeadLetter.Source("user-login", 0, 1, written),
                written,
                null,
                new byte[0],
                false);
    }
}
