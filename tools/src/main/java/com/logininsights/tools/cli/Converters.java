package com.logininsights.tools.cli;

import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The kinds of flag value several commands share. Each says what it expected; {@link Cli} puts the flag's name in
 * front.
 */
public final class Converters {
    private Converters() {}

    /** Brokers, names: anything but blank, trimmed. */
    public static final class NonBlank implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("must not be blank");
            }
            return value.trim();
        }
    }

    /** A name Kafka accepts for a topic. */
    public static final class TopicName implements ITypeConverter<String> {
        private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

        @Override
        public String convert(String value) {
            if (!LEGAL.matcher(value).matches() || value.equals(".") || value.equals("..")) {
                throw new TypeConversionException("'" + value + "' is not a Kafka topic name (letters, digits, . _ -)");
            }
            return value;
        }
    }

    /** Any whole number, negative ones included. */
    public static final class WholeNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.parseLong(value.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number");
            }
        }
    }

    /** A count: 1 or more; {@code 1_000_000} reads as a million. */
    public static final class PositiveLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long number = new WholeNumber().convert(value);
            if (number < 1) {
                throw new TypeConversionException("'" + value + "' is not a positive whole number");
            }
            return number;
        }
    }

    public static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long number = new PositiveLong().convert(value);
            if (number > Integer.MAX_VALUE) {
                throw new TypeConversionException("'" + value + "' is too large");
            }
            return (int) number;
        }
    }

    /** A fraction from 0 to 1. */
    public static final class Share implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double share = Double.parseDouble(value.trim());
                if (share >= 0 && share <= 1) {
                    return share;
                }
            } catch (NumberFormatException e) {
                // reported below, with what was expected
            }
            throw new TypeConversionException("'" + value + "' is not a fraction between 0 and 1");
        }
    }

    public static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int port = Integer.parseInt(value.trim());
                if (port > 0 && port < 65536) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not a port number");
        }
    }

    /** {@code KEY=VALUE}, both trimmed: a Kafka client setting. */
    public static final class KeyValue implements ITypeConverter<Map.Entry<String, String>> {
        @Override
        public Map.Entry<String, String> convert(String value) {
            int equals = value.indexOf('=');
            if (equals <= 0 || value.substring(0, equals).isBlank()) {
                throw new TypeConversionException("'" + value + "' is not key=value");
            }
            return Map.entry(
                    value.substring(0, equals).trim(),
                    value.substring(equals + 1).trim());
        }
    }
}
