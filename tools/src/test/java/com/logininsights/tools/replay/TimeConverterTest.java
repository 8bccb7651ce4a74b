package com.logininsights.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.TypeConversionException;

class TimeConverterTest {
    private static final Clock NOON_IN_BERLIN =
            Clock.fixed(Instant.parse("2026-11-29T11:00:00Z"), ZoneId.of("Europe/Berlin"));

    @ParameterizedTest
    @CsvSource({
        "2026-11-29T10:00:00Z,       2026-11-29T10:00:00Z",
        "2026-11-29T10:00:00.250Z,   2026-11-29T10:00:00.250Z",
        "2026-11-29T10:00+01:00,     2026-11-29T09:00:00Z",
        "2026-11-29T10:00,           2026-11-29T09:00:00Z",
        "2026-11-29,                 2026-11-28T23:00:00Z",
        "2h,                         2026-11-29T09:00:00Z",
        "90m,                        2026-11-29T09:30:00Z",
        "1500ms,                     2026-11-29T10:59:58Z",
    })
    void readsTimesTheWayPeopleWriteThem(String text, Instant expected) {
        assertThat(new TimeConverter(NOON_IN_BERLIN).convert(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"yesterday", "10:00", "2026-13-01"})
    void anythingElseIsRefusedWithTheFormsItTakes(String text) {
        assertThatThrownBy(() -> new TimeConverter(NOON_IN_BERLIN).convert(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'" + text + "' is not a time: write 2026-11-29T10:00:00Z, 2026-11-29T10:00 (local time),"
                        + " 2026-11-29, or how long ago, like 2h");
    }
}
