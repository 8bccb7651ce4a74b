package com.logininsights.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "10s, PT10S", "1m, PT1M", "2h, PT2H", "0s, PT0S", "1500ms, PT1.5S", "90s, PT1M30S"})
    void whatIsWrittenReadsBackAsTheSameDuration(String text, Duration duration) {
        assertThat(Durations.parse(text)).isEqualTo(duration);
        assertThat(Durations.format(duration)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"0, PT0S", "5min, PT5M", "' 10s ', PT10S", "120s, PT2M"})
    void otherSpellingsAreReadToo(String text, Duration duration) {
        assertThat(Durations.parse(text)).isEqualTo(duration);
    }

    @ParameterizedTest
    @CsvSource({
        "10, is not a duration",
        "s, is not a duration",
        "-5s, is not a duration",
        "1.5s, has an unknown unit",
        "5d, has an unknown unit",
        "1234567890123s, is not a duration"
    })
    void anythingElseIsRefusedSayingHowToWriteIt(String text, String reason) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "' " + reason);
    }
}
