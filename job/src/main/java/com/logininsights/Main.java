package com.logininsights;

/**
 * The entry point of both jars. It uses no library, so that {@code java -jar login-insights.jar}, the cluster jar
 * that leaves Flink out, can say which jar to use instead of failing with a NoClassDefFoundError.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        try {
            Class.forName("org.apache.flink.streaming.api.environment.StreamExecutionEnvironment");
        } catch (ClassNotFoundException e) {
            System.err.println("login-insights: this jar is for a Flink cluster and has no Flink inside."
                    + " Submit it to a JobManager, or run job/target/login-insights-local.jar with java -jar.");
            System.exit(LoginInsightsJob.USAGE_ERROR);
        }
        LoginInsightsJob.main(args);
    }
}
