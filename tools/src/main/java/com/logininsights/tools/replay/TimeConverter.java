package com.logininsights.tools.replay;

import com.logininsights.common.Durations;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A point in time as people write it: an instant ({@code 2026-11-29T10:00:00Z}, or with an offset), a local date
 * and time or a date ({@code 2026-11-29T10:00}, {@code 2026-11-29}, in this machine's time zone), or how long ago
 * ({@code 90m}, {@code 2h}).
 */
class TimeConverter implements ITypeConverter<Instant> {
    private final Clock clock;

    TimeConverter() {
        this(Clock.systemDefaultZone());
    }

    TimeConverter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant convert(String text) {
        String value = text.trim();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            // try the next form
        }
        ZoneId zone = clock.getZone();
        try {
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeParseException notLocal) {
            // try the next form
        }
        try {
            return LocalDate.parse(value).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException notADate) {
            // try the next form
        }
        try {
            // Whole seconds: a summary that says "from 10:00:00Z" reads better than one with nanoseconds.
            return clock.instant().minus(Durations.parse(value)).truncatedTo(ChronoUnit.SECONDS);
        } catch (IllegalArgumentException notADuration) {
            throw new TypeConversionException("'" + text + "' is not a time: write 2026-11-29T10:00:00Z,"
                    + " 2026-11-29T10:00 (local time), 2026-11-29, or how long ago, like 2h");
        }
    }
}
