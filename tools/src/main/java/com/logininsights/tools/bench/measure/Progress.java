package com.logininsights.tools.bench.measure;

import java.io.PrintStream;

/**
 * The one progress line of a long run. On a terminal it is rewritten in place; in a log (a pipe, a test) it is
 * printed at most every {@value #LOG_EVERY_MILLIS} ms, so the log stays readable.
 */
public final class Progress {
    private static final long LOG_EVERY_MILLIS = 10_000;

    private final PrintStream out;
    private final boolean terminal;
    private long lastPrinted;
    private int lastLength;

    public Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public synchronized void update(String line) {
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
            out.flush();
        } else if (System.currentTimeMillis() - lastPrinted >= LOG_EVERY_MILLIS) {
            out.println("  ... " + line);
            lastPrinted = System.currentTimeMillis();
        }
    }

    /** A line that stays: the outcome of a step. */
    public synchronized void done(String line) {
        if (terminal && lastLength > 0) {
            out.print("\r" + " ".repeat(lastLength) + "\r");
            lastLength = 0;
        }
        out.println(line);
        out.flush();
        lastPrinted = 0;
    }
}
