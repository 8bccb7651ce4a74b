package com.logininsights.tools.soak;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One stop-the-world collection, as the JVM's unified GC log ({@code -Xlog:gc}) reports it, e.g. {@code GC(20) Pause
 * Young (Normal) (G1 Evacuation Pause) 79M->50M(129M) 58.835ms}. G1, Parallel and Serial write such lines; ZGC and
 * Shenandoah do not, and a soak of a job on them would show no heap after GC.
 *
 * @param name what kind of pause, e.g. {@code Pause Young (Normal) (G1 Evacuation Pause)}
 * @param afterBytes heap in use once the pause ended
 */
public record GcPause(long id, String name, long afterBytes, double millis) {
    private static final Pattern LINE = Pattern.compile(
            "GC\\((\\d+)\\) (Pause .*?) (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\) (\\d+(?:[.,]\\d+)?)ms\\s*$");

    /** The pause a log line reports; empty for every other line (concurrent phases, start-up, heap details). */
    public static Optional<GcPause> parse(String line) {
        Matcher matcher = LINE.matcher(line);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(new GcPause(
                Long.parseLong(matcher.group(1)),
                matcher.group(2),
                bytes(matcher.group(5), matcher.group(6)),
                Double.parseDouble(matcher.group(9).replace(',', '.'))));
    }

    /** A full collection: everything unreachable is gone afterwards, so what remains is the live heap. */
    public boolean full() {
        return name.startsWith("Pause Full");
    }

    /**
     * A collection someone asked for ({@code jcmd GC.run}, {@code System.gc()}), not one the job's allocation caused;
     * the soak asks for one now and then to see the live heap, and keeps its pause apart from the job's.
     */
    public boolean requested() {
        return name.contains("(Diagnostic Command)") || name.contains("(System.gc())");
    }

    public double afterMb() {
        return afterBytes / (1024.0 * 1024.0);
    }

    private static long bytes(String amount, String unit) {
        long value = Long.parseLong(amount);
        return switch (unit) {
            case "K" -> value * 1024;
            case "M" -> value * 1024 * 1024;
            default -> value * 1024 * 1024 * 1024;
        };
    }
}
