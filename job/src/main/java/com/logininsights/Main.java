package com.logininsights;

import com.logininsights.local.LocalEnvironment;

/**
 * The entry point of both jars, and the only place that ends the process, which it does only when the job runs
 * locally (java -jar, IDE). Submitted to a Flink cluster, this runs inside the JobManager: there a bad flag or a
 * missing topic fails the submission, and never the JobManager.
 *
 * <p>It checks for Flink before touching any Flink class, so that {@code java -jar login-insights.jar}, the cluster
 * jar that leaves Flink out, says which jar to use instead of failing with a NoClassDefFoundError.
 */
public final class Main {
    private static final int JOB_FAILED = 1;

    private Main() {}

    public static void main(String[] args) throws Exception {
        try {
            Class.forName("org.apache.flink.streaming.api.environment.StreamExecutionEnvironment");
        } catch (ClassNotFoundException e) {
            System.err.println("login-insights: this jar is for a Flink cluster and has no Flink inside."
                    + " Submit it to a JobManager, or run job/target/login-insights-local.jar with java -jar.");
            System.exit(JobCannotStart.BAD_USAGE);
        }
        if (!LocalEnvironment.isLocal()) {
            LoginInsightsJob.run(args);
            return;
        }
        try {
            LoginInsightsJob.run(args);
        } catch (JobCannotStart e) {
            System.err.println(e.getMessage());
            if (e.exitCode() == JobCannotStart.BAD_USAGE) {
                System.err.println("Run with --help to see every flag.");
            }
            System.exit(e.exitCode());
        } catch (Exception e) {
            System.err.println("login-insights: the job failed, and restarting it did not help: "
                    + LocalEnvironment.rootCause(e) + " (the log above has the whole story)");
            System.exit(JOB_FAILED);
        }
    }
}
