package com.logininsights.tools.replay;

import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The job's reasons for a dead letter, as its dead-letter topic names them. */
final class Reasons implements Iterable<String> {
    static final List<String> ALL = List.of(
            "empty",
            "too_large",
            "not_utf8",
            "not_json",
            "not_object",
            "duplicate_field",
            "missing_user_id",
            "missing_timestamp",
            "wrong_type",
            "bad_timestamp",
            "timestamp_in_future");

    /** The one reason whose payload the job truncates: the dead letter keeps only its first bytes. */
    static final String TOO_LARGE = "too_large";

    @Override
    public java.util.Iterator<String> iterator() {
        return ALL.iterator();
    }

    /** {@code --reason}: a known reason, so that a typo does not silently match nothing. */
    static final class Converter implements ITypeConverter<String> {
        @Override
        public String convert(String reason) {
            if (!ALL.contains(reason.trim())) {
                throw new TypeConversionException(
                        "'" + reason + "' is not a reason; the reasons are " + String.join(", ", ALL));
            }
            return reason.trim();
        }
    }
}
