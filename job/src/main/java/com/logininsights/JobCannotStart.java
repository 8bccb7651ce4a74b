package com.logininsights;

/**
 * The job cannot start, for a reason a user can fix: a bad flag, a broker that does not answer, a missing topic. The
 * message is one sentence that says which. Run locally, the process exits with {@link #exitCode()}; submitted to a
 * cluster, the submission fails with the message and the JobManager carries on.
 */
public final class JobCannotStart extends RuntimeException {
    static final int BAD_USAGE = 2;
    static final int NOT_READY = 1;

    private final int exitCode;

    private JobCannotStart(String message, int exitCode) {
        super("login-insights: " + message, null, false, false);
        this.exitCode = exitCode;
    }

    public static JobCannotStart badUsage(String message) {
        return new JobCannotStart(message, BAD_USAGE);
    }

    public static JobCannotStart notReady(String message) {
        return new JobCannotStart(message, NOT_READY);
    }

    public int exitCode() {
        return exitCode;
    }
}
