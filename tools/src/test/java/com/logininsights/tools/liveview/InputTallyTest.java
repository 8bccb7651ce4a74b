package com.logininsights.tools.liveview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InputTallyTest {
    private static final long WINDOW_START = 1_764_000_000_000L;
    private static final long WINDOW_END = WINDOW_START + 10_000;

    @Test
    void eachRecordCountsInTheWindowItsInputArrivedInWhateverOrderItIsRead() {
        InputTally tally = new InputTally();
        tally.enriched(WINDOW_END + 1); // the next window's, read first
        tally.deadLetter(WINDOW_START + 9_999, "not_json");
        tally.enriched(WINDOW_START);
        tally.deadLetter(WINDOW_START - 1, "empty"); // the previous window's, read late
        tally.enriched(WINDOW_START + 5_050);
        tally.deadLetter(WINDOW_START + 42, "not_json");
        tally.deadLetter(WINDOW_START + 43, "missing_user_id");

        WindowInput window = tally.between(WINDOW_START, WINDOW_END);

        assertThat(window.records()).isEqualTo(5);
        assertThat(window.deadLetters()).isEqualTo(3);
        assertThat(window.deadLettersByReason())
                .containsExactly(Map.entry("missing_user_id", 1L), Map.entry("not_json", 2L));
        assertThat(tally.between(WINDOW_END, WINDOW_END + 10_000).records()).isEqualTo(1);
        assertThat(tally.between(WINDOW_START - 10_000, WINDOW_START).deadLettersByReason())
                .containsExactly(Map.entry("empty", 1L));
    }

    @Test
    void aWindowWithoutInputHasNone() {
        InputTally tally = new InputTally();
        tally.enriched(WINDOW_END + 500);

        assertThat(tally.between(WINDOW_START, WINDOW_END)).isEqualTo(WindowInput.of(0, Map.of()));
    }

    @Test
    void forgettingDropsOnlyWhatArrivedBefore() {
        InputTally tally = new InputTally();
        tally.enriched(WINDOW_START - 1);
        tally.enriched(WINDOW_START);
        tally.enriched(WINDOW_END);

        tally.forgetBefore(WINDOW_START);

        assertThat(tally.between(0, Long.MAX_VALUE).records()).isEqualTo(2);
        assertThat(tally.bucketCount()).isEqualTo(2);
    }

    @Test
    void memoryGrowsWithTheTimeSpannedNotWithTheRecords() {
        InputTally tally = new InputTally();
        for (int i = 0; i < 100_000; i++) {
            tally.enriched(WINDOW_START + i % 10_000);
        }

        assertThat(tally.bucketCount()).isEqualTo((int) (10_000 / InputTally.BUCKET_MILLIS));
        assertThat(tally.between(WINDOW_START, WINDOW_END).records()).isEqualTo(100_000);
    }
}
