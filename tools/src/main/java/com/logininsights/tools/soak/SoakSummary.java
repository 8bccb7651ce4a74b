package com.logininsights.tools.soak;

import com.logininsights.common.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The soak's findings in Markdown: what ran, a table of every measurement (its range, and the medians of the two
 * halves that the verdict compares), the totals, and the verdict, each computed from the samples.
 */
final class SoakSummary {
    /** The series the verdict is about: the heap (after any collection, and live) and checkpoint size, and RSS. */
    static final List<Series> JUDGED =
            List.of(Series.HEAP_AFTER_GC, Series.LIVE_HEAP, Series.CHECKPOINT_SIZE, Series.RSS);

    /** How a run went, said in its summary. */
    record Run(String command, String machine, String started, String ending, SoakConfig config) {}

    private SoakSummary() {}

    static String markdown(Run run, List<Sample> samples) {
        StringBuilder out = new StringBuilder();
        SoakConfig config = run.config();
        out.append(String.format(
                Locale.ROOT,
                "## Soak, %s%n%n`%s`: %,d records/s for %s, checkpoints every %s, a sample every %s%s.%n"
                        + "Machine: %s.%nRun: %s.%n%n",
                run.started(),
                run.command(),
                config.rate(),
                Durations.format(config.duration()),
                Durations.format(config.checkpointInterval()),
                Durations.format(config.sampleEvery()),
                config.liveHeapEvery().isZero()
                        ? ""
                        : ", a full collection every " + Durations.format(config.liveHeapEvery()),
                run.machine(),
                run.ending()));
        out.append(table(samples)).append('\n');
        out.append(totals(samples)).append('\n');
        out.append(verdict(samples));
        return out.toString();
    }

    static String table(List<Sample> samples) {
        StringBuilder table = new StringBuilder();
        table.append("| series | samples | min | median | max | median, first half | median, second half | change |\n");
        table.append("| --- | --: | --: | --: | --: | --: | --: | --: |\n");
        for (Series series : Series.values()) {
            if (!series.measure()) {
                continue;
            }
            double[] values = samples.stream()
                    .map(sample -> sample.value(series))
                    .filter(OptionalDouble::isPresent)
                    .mapToDouble(OptionalDouble::getAsDouble)
                    .toArray();
            if (values.length == 0) {
                table.append("| ").append(series.label()).append(" | 0 | - | - | - | - | - | - |\n");
                continue;
            }
            Optional<Trend> trend = Trend.of(samples, series);
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %s | %s | %s | %s | %s | %s |%n",
                    series.label(),
                    values.length,
                    SampleLines.format(
                            series, java.util.Arrays.stream(values).min().orElseThrow()),
                    SampleLines.format(series, Trend.median(values)),
                    SampleLines.format(
                            series, java.util.Arrays.stream(values).max().orElseThrow()),
                    trend.map(t -> SampleLines.format(series, t.firstHalfMedian()))
                            .orElse("-"),
                    trend.map(t -> SampleLines.format(series, t.secondHalfMedian()))
                            .orElse("-"),
                    trend.map(Trend::changeText).orElse("-")));
        }
        return table.toString();
    }

    static String totals(List<Sample> samples) {
        if (samples.isEmpty()) {
            return "No samples were taken.\n";
        }
        Sample last = samples.get(samples.size() - 1);
        double gcMillis = sum(samples, Series.GC_PAUSE);
        long requested = samples.stream()
                .filter(sample -> sample.value(Series.REQUESTED_GC_PAUSE).isPresent())
                .count();
        return String.format(
                Locale.ROOT,
                "Over %s (%d samples): %s records in; %s appended to the enriched and dead-letter topics (transaction"
                        + " markers included). The job's own collections: %,.0f, pausing it %,.0f ms in all (%.2f%%"
                        + " of the time)%s. Checkpoints: the latest completed is number %s; %s failed after the input"
                        + " started. Restarts: %s.%n",
                SampleLines.clock(last.elapsed().toSeconds()),
                samples.size(),
                latest(samples, Series.RECORDS_IN),
                latest(samples, Series.RECORDS_OUT),
                sum(samples, Series.GC_COUNT),
                gcMillis,
                gcMillis / Math.max(1, last.elapsed().toMillis()) * 100,
                requested == 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "; besides, %d full collections asked for, %,.0f ms",
                                requested,
                                sum(samples, Series.REQUESTED_GC_PAUSE)),
                latest(samples, Series.CHECKPOINT_ID),
                latest(samples, Series.FAILED_CHECKPOINTS),
                latest(samples, Series.RESTARTS));
    }

    static String verdict(List<Sample> samples) {
        StringBuilder out = new StringBuilder("Verdict (the median of the second half of the run against the first,"
                + " leaving out its first tenth as warm-up; flat within ±" + Trend.FLAT_WITHIN_PERCENT + "%):\n\n");
        List<String> flat = new ArrayList<>();
        List<String> moving = new ArrayList<>();
        for (Series series : JUDGED) {
            Optional<Trend> trend = Trend.of(samples, series);
            if (trend.isEmpty()) {
                out.append("- ").append(series.title()).append(": too few samples to tell\n");
                continue;
            }
            out.append("- ").append(trend.get().describe()).append('\n');
            if (trend.get().verdict() == Trend.Verdict.FLAT) {
                flat.add(series.title());
            } else {
                moving.add(series.title() + " " + trend.get().verdict().name().toLowerCase(Locale.ROOT));
            }
        }
        out.append('\n');
        out.append("Flat: ")
                .append(flat.isEmpty() ? "none" : String.join(", ", flat))
                .append(".");
        if (!moving.isEmpty()) {
            out.append(" Not flat: ").append(String.join(", ", moving)).append(".");
        }
        out.append('\n');
        return out.toString();
    }

    private static double sum(List<Sample> samples, Series series) {
        return samples.stream()
                .map(sample -> sample.value(series))
                .filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble)
                .sum();
    }

    /** The last value the series had, for running counts. */
    private static String latest(List<Sample> samples, Series series) {
        for (int i = samples.size() - 1; i >= 0; i--) {
            OptionalDouble value = samples.get(i).value(series);
            if (value.isPresent()) {
                return SampleLines.format(series, value.getAsDouble());
            }
        }
        return "none";
    }
}
