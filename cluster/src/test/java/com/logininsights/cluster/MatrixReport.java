package com.logininsights.cluster;

import com.logininsights.cluster.OutputAudit.AlertFigures;
import com.logininsights.cluster.OutputAudit.RecordFigures;
import com.logininsights.cluster.OutputAudit.WindowFigures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The fault matrix's figures, as the Markdown tables it prints at the end. */
final class MatrixReport {
    private static final String LEGEND = "Times in seconds from the fault. `down`: the broker away, or"
            + " stop-with-savepoint (and the cluster restart). `first new output`: until a read_committed reader saw"
            + " the output of an input record written after the fault (after the old broker process exited, or the"
            + " old job stopped). `restarts`: failures the job restarted from (its exception history) until the next"
            + " fault. `transactional ids`: those of the job's prefix the broker holds then.";

    /**
     * What one fault did.
     *
     * @param atSeconds when it struck, in seconds since the input started
     * @param down how long the broker was away, or how long stop-with-savepoint took; null for a TaskManager loss
     * @param jobRunning from the fault until the job ran again with every task on a live TaskManager
     * @param firstNewOutput from the fault until the first output of an input record written after the fault was
     *     visible to a read_committed reader
     * @param restarts the failures the job restarted from (its exception history), from the fault until the next one
     * @param transactionalIds transactional ids of the job's prefix that the broker held once the job had recovered
     */
    record FaultOutcome(
            String fault,
            String parallelism,
            double atSeconds,
            Duration down,
            Duration jobRunning,
            Duration firstNewOutput,
            long restarts,
            int transactionalIds) {}

    private final String title;
    private final String setup;
    private final List<FaultOutcome> outcomes = new ArrayList<>();
    private RecordFigures records;
    private WindowFigures windows;
    private AlertFigures alerts;
    private String totals = "";

    MatrixReport(String title, String setup) {
        this.title = title;
        this.setup = setup;
    }

    void add(FaultOutcome outcome) {
        outcomes.add(outcome);
    }

    List<FaultOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    void figures(RecordFigures records, WindowFigures windows, AlertFigures alerts, String totals) {
        this.records = records;
        this.windows = windows;
        this.alerts = alerts;
        this.totals = totals;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("### ")
                .append(title)
                .append("\n\n")
                .append(setup)
                .append(' ')
                .append(LEGEND)
                .append("\n\n");
        out.append("| # | fault | at s | parallelism | down s | job running again s | first new output s | restarts"
                + " | transactional ids |\n");
        out.append("| --: | --- | --: | --- | --: | --: | --: | --: | --: |\n");
        for (int i = 0; i < outcomes.size(); i++) {
            FaultOutcome o = outcomes.get(i);
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %.1f | %s | %s | %s | %s | %d | %d |%n",
                    i + 1,
                    o.fault(),
                    o.atSeconds(),
                    o.parallelism(),
                    seconds(o.down()),
                    seconds(o.jobRunning()),
                    seconds(o.firstNewOutput()),
                    o.restarts(),
                    o.transactionalIds()));
        }
        if (records != null) {
            out.append("\n| records in | out | enriched | dead letters | lost | duplicated | not from the input"
                    + " | unlike the reference |\n");
            out.append("| --: | --: | --: | --: | --: | --: | --: | --: |\n");
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %d | %d | %d | %d | %d | %d |%n",
                    records.in(),
                    records.out(),
                    records.enriched(),
                    records.deadLetters(),
                    records.lost(),
                    records.duplicated(),
                    records.unexpected(),
                    records.unlikeReference()));
        }
        if (windows != null) {
            out.append("\n| windows | reference windows | insight records | keys written twice | missing | extra"
                    + " | differing | late events (reference) |\n");
            out.append("| --: | --: | --: | --: | --: | --: | --: | --- |\n");
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %d | %d | %d | %d | %d | %d (%d) |%n",
                    windows.windows(),
                    windows.referenceWindows(),
                    windows.rows(),
                    windows.duplicatedKeys(),
                    windows.missing(),
                    windows.extra(),
                    windows.differing(),
                    windows.lateEvents(),
                    windows.referenceLateEvents()));
        }
        if (alerts != null) {
            out.append("\n| alerts | reference alerts | written twice | missing | extra |\n");
            out.append("| --: | --: | --: | --: | --: |\n");
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %d | %d | %d |%n",
                    alerts.alerts(),
                    alerts.referenceAlerts(),
                    alerts.duplicated(),
                    alerts.missing(),
                    alerts.extra()));
        }
        if (!totals.isEmpty()) {
            out.append('\n').append(totals).append('\n');
        }
        return out.toString();
    }

    private static String seconds(Duration duration) {
        return duration == null ? "-" : String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
