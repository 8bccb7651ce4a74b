package com.logininsights.config;

/** Where the job starts reading a partition it has no checkpoint for. */
public enum StartingOffsets {
    /** The consumer group's committed offset, or the earliest one when the group has none. */
    COMMITTED,
    EARLIEST,
    LATEST
}
