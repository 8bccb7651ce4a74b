package com.logininsights.config;

import com.logininsights.common.Durations;
import com.logininsights.common.Signal;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.connector.base.DeliveryGuarantee;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;

/** The kinds of flag value the job reads, each checked as it is read; picocli puts the flag's name in each message. */
final class FlagValues {
    /** The most a record may be: a dead letter keeps the payload as JSON text, six bytes per byte at worst. */
    static final int MAX_RECORD_BYTES_LIMIT = 16 * 1024 * 1024;

    private FlagValues() {}

    /** An enum constant as a flag takes it: {@code EXACTLY_ONCE} is {@code exactly-once}. */
    static String flagValue(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static final class NonBlank implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isBlank()) {
                throw new CommandLine.TypeConversionException("must not be empty");
            }
            return value.trim();
        }
    }

    static class DurationValue implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class PositiveDuration extends DurationValue {
        @Override
        public Duration convert(String value) {
            Duration duration = super.convert(value);
            if (duration.isZero()) {
                throw new CommandLine.TypeConversionException("must be more than zero");
            }
            return duration;
        }
    }

    static class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int number = Integer.parseInt(value.trim());
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException ignored) {
                // said below
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a positive whole number");
        }
    }

    static final class RecordBytes extends PositiveInt {
        @Override
        public Integer convert(String value) {
            int bytes = super.convert(value);
            if (bytes > MAX_RECORD_BYTES_LIMIT) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is over the limit of " + MAX_RECORD_BYTES_LIMIT);
            }
            return bytes;
        }
    }

    static final class StartingOffsetsValue implements ITypeConverter<StartingOffsets> {
        @Override
        public StartingOffsets convert(String value) {
            for (StartingOffsets offsets : StartingOffsets.values()) {
                if (offsets.name().equalsIgnoreCase(value.trim())) {
                    return offsets;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not one of committed, earliest, latest");
        }
    }

    static final class GuaranteeValue implements ITypeConverter<DeliveryGuarantee> {
        @Override
        public DeliveryGuarantee convert(String value) {
            for (DeliveryGuarantee guarantee :
                    List.of(DeliveryGuarantee.EXACTLY_ONCE, DeliveryGuarantee.AT_LEAST_ONCE)) {
                if (flagValue(guarantee).equals(value.trim())) {
                    return guarantee;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not exactly-once or at-least-once");
        }
    }

    /** {@code all}, {@code none} or signal names, comma-separated; read back by {@link #signals}. */
    static final class SignalList implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String list = value.trim().toLowerCase(Locale.ROOT);
            if (list.equals("all") || list.equals("none")) {
                return list;
            }
            Set<Signal> signals = EnumSet.noneOf(Signal.class);
            for (String name : list.split(",", -1)) {
                signals.add(Signal.named(name.trim())
                        .orElseThrow(() -> new CommandLine.TypeConversionException("'" + name.trim()
                                + "' is not a signal; the signals are all, none or some of "
                                + Arrays.stream(Signal.values())
                                        .map(Signal::signalName)
                                        .collect(Collectors.joining(", ")))));
            }
            return signals.stream().map(Signal::signalName).collect(Collectors.joining(","));
        }
    }

    static Set<Signal> signals(String list) {
        return switch (list) {
            case "all" -> EnumSet.allOf(Signal.class);
            case "none" -> EnumSet.noneOf(Signal.class);
            default ->
                Arrays.stream(list.split(","))
                        .map(name -> Signal.named(name).orElseThrow())
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Signal.class)));
        };
    }

    /** Locales as the input's are normalised, upper-cased, comma-separated and sorted. */
    static final class LocaleList implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            Set<String> locales = new TreeSet<>();
            for (String locale : value.split(",", -1)) {
                if (locale.isBlank()) {
                    throw new CommandLine.TypeConversionException("'" + value + "' has an empty locale");
                }
                locales.add(locale.trim().toUpperCase(Locale.ROOT));
            }
            return String.join(",", locales);
        }
    }

    static final class StateBackendValue implements ITypeConverter<StateBackend> {
        @Override
        public StateBackend convert(String value) {
            for (StateBackend backend : StateBackend.values()) {
                if (flagValue(backend).equals(value.trim())) {
                    return backend;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not hashmap or rocksdb");
        }
    }
}
