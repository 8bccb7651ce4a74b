package com.logininsights.tools.cli;

import com.logininsights.common.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations on the command line, written {@code 500ms}, {@code 10s}, {@code 1m} or {@code 2h} (see {@link Durations});
 * every command registers it for {@link Duration} options.
 */
public class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** For durations that must be longer than zero: an interval, a timeout, a window. */
    public static final class Positive extends DurationConverter {
        @Override
        public Duration convert(String text) {
            Duration duration = super.convert(text);
            if (duration.isZero()) {
                throw new TypeConversionException("must be longer than 0");
            }
            return duration;
        }
    }
}
