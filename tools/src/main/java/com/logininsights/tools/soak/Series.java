package com.logininsights.tools.soak;

/**
 * Everything a soak samples, each with its CSV column, its name for people, its unit, and how a progress line shows
 * it. The order is the order of the CSV's columns, the progress lines and the summary.
 */
public enum Series {
    HEAP_AFTER_GC("heap_after_gc_mb", "heap after GC", "MB", "heap MB", 1, true),
    LIVE_HEAP("live_heap_mb", "live heap after a full GC", "MB", "live MB", 1, true),
    GC_PAUSE("gc_pause_ms", "GC pauses per sample", "ms", "GC ms", 0, true),
    GC_COUNT("gc_count", "GCs per sample", "", "GCs", 0, true),
    CHECKPOINT_DURATION("checkpoint_duration_ms", "checkpoint duration", "ms", "chk ms", 0, true),
    CHECKPOINT_SIZE("checkpoint_size_kb", "checkpoint size", "KB", "chk KB", 1, true),
    CHECKPOINT_UPLOAD("checkpointed_size_kb", "checkpoint's own upload", "KB", "upl KB", 1, true),
    LAG("consumer_lag_records", "consumer lag, committed offsets", "records", "lag", 0, true),
    PENDING("pending_records", "source's pending records", "records", "pending", 0, true),
    INPUT_RATE("input_per_s", "input rate", "records/s", "in/s", 0, true),
    OUTPUT_RATE("output_per_s", "output rate", "records/s", "out/s", 0, true),
    RSS("rss_mb", "job process RSS", "MB", "RSS MB", 0, true),
    CHECKPOINT_ID("checkpoint_id", "latest completed checkpoint", "", "chk #", 0, false),
    FAILED_CHECKPOINTS("failed_checkpoints", "checkpoints failed since the input started", "", "failed", 0, false),
    RESTARTS("restarts", "job restarts so far", "", "restarts", 0, false),
    REQUESTED_GC_PAUSE("requested_gc_pause_ms", "pause of the full GC asked for", "ms", "full ms", 0, false),
    RECORDS_IN("records_in", "records written to the input so far", "", "in", 0, false),
    RECORDS_OUT("records_out", "records appended to the enriched and dead-letter topics so far", "", "out", 0, false);

    private final String column;
    private final String title;
    private final String unit;
    private final String header;
    private final int decimals;
    private final boolean measure;

    Series(String column, String title, String unit, String header, int decimals, boolean measure) {
        this.column = column;
        this.title = title;
        this.unit = unit;
        this.header = header;
        this.decimals = decimals;
        this.measure = measure;
    }

    public String column() {
        return column;
    }

    public String title() {
        return title;
    }

    public String unit() {
        return unit;
    }

    /** The short column heading of a progress line. */
    public String header() {
        return header;
    }

    public int decimals() {
        return decimals;
    }

    /** A measurement over time, drawn and summarised; the others are running counts, in the CSV and lines only. */
    public boolean measure() {
        return measure;
    }

    /** The title with its unit, as a chart or a table heads it. */
    public String label() {
        return unit.isEmpty() ? title : title + " (" + unit + ")";
    }
}
