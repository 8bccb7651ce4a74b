package com.logininsights.tools.soak;

import com.logininsights.common.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The soak's findings in Markdown: what ran, a table of every measurement (its range, and the medians of the two
 * halves that the verdict compares), the totals, with {@code --users} when all users were seen and the checkpoint's
 * bytes per user, and the verdict, each computed from the samples.
 */
final class SoakSummary {
    /** The series the verdict is about: the heap (after any collection, and live) and checkpoint size, and RSS. */
    static final List<Series> JUDGED =
            List.of(Series.HEAP_AFTER_GC, Series.LIVE_HEAP, Series.CHECKPOINT_SIZE, Series.RSS);

    /** How a run went, said in its summary. */
    record Run(String command, String machine, String started, String ending, SoakConfig config) {}

    /**
     * The span the verdict judges, from {@code from} to the last sample, and why it starts there: after the first
     * tenth of the run (warm-up), and with {@code --users} also after every user was seen, so that state which grows
     * only because new users still arrive is not taken for a leak.
     */
    record Judged(Duration from, String why) {
        static Judged of(List<Sample> samples, OptionalInt users, Duration steadyAfter) {
            Judged judged = ofUsers(samples, users);
            if (steadyAfter.compareTo(judged.from()) <= 0) {
                return judged;
            }
            String from = SampleLines.clock(steadyAfter.toSeconds());
            return new Judged(
                    steadyAfter, "the samples from " + from + " (`--steady-after`) to the end; " + judged.why());
        }

        private static Judged ofUsers(List<Sample> samples, OptionalInt users) {
            Duration warmUp = Trend.warmUpEnd(samples);
            String runLessWarmUp = "the run less its first tenth (warm-up)";
            if (users.isEmpty()) {
                return new Judged(warmUp, runLessWarmUp);
            }
            String all = String.format(Locale.ROOT, "all %,d users", users.getAsInt());
            Optional<Duration> seen = allUsersSeenAt(samples, users.getAsInt());
            if (seen.isEmpty()) {
                return new Judged(
                        warmUp,
                        runLessWarmUp + ", though " + all + " were never seen, so state still grew with new users");
            }
            String seenAt = SampleLines.clock(seen.get().toSeconds());
            if (seen.get().compareTo(warmUp) < 0) {
                return new Judged(warmUp, runLessWarmUp + "; " + all + " had been seen at " + seenAt);
            }
            return new Judged(
                    seen.get(), "the samples from " + seenAt + ", when " + all + " had been seen, to the end");
        }
    }

    private SoakSummary() {}

    static String markdown(Run run, List<Sample> samples) {
        StringBuilder out = new StringBuilder();
        SoakConfig config = run.config();
        out.append(String.format(
                Locale.ROOT,
                "## Soak, %s%n%n`%s`: %,d records/s%s for %s, checkpoints every %s, a sample every %s%s.%n"
                        + "Machine: %s.%nRun: %s.%n%n",
                run.started(),
                run.command(),
                config.rate(),
                config.users().isEmpty()
                        ? ""
                        : String.format(
                                Locale.ROOT, " from %,d users", config.users().getAsInt()),
                Durations.format(config.duration()),
                Durations.format(config.checkpointInterval()),
                Durations.format(config.sampleEvery()),
                config.liveHeapEvery().isZero()
                        ? ""
                        : ", a full collection every " + Durations.format(config.liveHeapEvery()),
                run.machine(),
                run.ending()));
        Judged judged = Judged.of(samples, config.users(), config.steadyAfter());
        out.append(table(samples, judged)).append('\n');
        out.append(totals(samples)).append('\n');
        config.users().ifPresent(users -> out.append(users(samples, users)).append('\n'));
        out.append(verdict(samples, judged));
        return out.toString();
    }

    static String table(List<Sample> samples, Judged judged) {
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
            Optional<Trend> trend = Trend.of(samples, series, judged.from());
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

    /**
     * When every user had been seen: the first sample with at least as many records in as users, as the generator's
     * pool ({@code UserPool}) draws every user once per round of that many records.
     */
    static Optional<Duration> allUsersSeenAt(List<Sample> samples, long users) {
        return samples.stream()
                .filter(sample -> sample.value(Series.RECORDS_IN).orElse(0) >= users)
                .map(Sample::elapsed)
                .findFirst();
    }

    /**
     * When all users were seen, and the latest checkpoint's size over the users, if it completed after that (a
     * higher number than the one of the sample that saw them all).
     */
    static String users(List<Sample> samples, int users) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "Users: %,d (`--users`), each once per round of as many records; a round's malformed records (3%%)"
                        + " leave a few users to a later round. ",
                users));
        Optional<Duration> seen = allUsersSeenAt(samples, users);
        if (seen.isPresent()) {
            out.append("All users seen at ")
                    .append(SampleLines.clock(seen.get().toSeconds()))
                    .append(", the first sample with as many records in.");
        } else {
            out.append("Not all seen: ")
                    .append(latest(samples, Series.RECORDS_IN))
                    .append(" records in by the end.");
        }
        Optional<Sample> last = samples.stream()
                .filter(sample -> sample.value(Series.CHECKPOINT_SIZE).isPresent())
                .reduce((first, second) -> second);
        if (last.isEmpty()) {
            return out.append(" No checkpoint completed.\n").toString();
        }
        Sample checkpoint = last.get();
        double sizeKb = checkpoint.value(Series.CHECKPOINT_SIZE).getAsDouble();
        out.append(String.format(
                Locale.ROOT,
                " The latest completed checkpoint, number %s: %s KB of state in %s ms",
                SampleLines.format(Series.CHECKPOINT_ID, checkpoint),
                SampleLines.format(Series.CHECKPOINT_SIZE, sizeKb),
                SampleLines.format(Series.CHECKPOINT_DURATION, checkpoint)));
        OptionalDouble uploadKb = checkpoint.value(Series.CHECKPOINT_UPLOAD);
        if (uploadKb.isPresent() && uploadKb.getAsDouble() != sizeKb) {
            out.append(String.format(
                    Locale.ROOT,
                    ", of which it uploaded %s KB itself (incremental; the rest are earlier checkpoints' files)",
                    SampleLines.format(Series.CHECKPOINT_UPLOAD, uploadKb.getAsDouble())));
        }
        Optional<Sample> seenBy = seen.flatMap(at ->
                samples.stream().filter(sample -> sample.elapsed().equals(at)).findFirst());
        boolean afterAllSeen = seenBy.isPresent()
                && checkpoint.value(Series.CHECKPOINT_ID).orElse(0)
                        > seenBy.get().value(Series.CHECKPOINT_ID).orElse(0);
        if (afterAllSeen) {
            out.append(String.format(
                    Locale.ROOT,
                    ". Checkpoint bytes per user: %,.0f (its whole state over the users).%n",
                    sizeKb * Sampler.BYTES_PER_KB / users));
        } else {
            out.append(". No checkpoint completed after all users were seen: no bytes per user.\n");
        }
        return out.toString();
    }

    static String verdict(List<Sample> samples, Judged judged) {
        StringBuilder out = new StringBuilder("Verdict (the median of the second half against the first, over "
                + judged.why() + "; flat within ±" + Trend.FLAT_WITHIN_PERCENT + "%):\n\n");
        List<String> flat = new ArrayList<>();
        List<String> moving = new ArrayList<>();
        for (Series series : JUDGED) {
            Optional<Trend> trend = Trend.of(samples, series, judged.from());
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
