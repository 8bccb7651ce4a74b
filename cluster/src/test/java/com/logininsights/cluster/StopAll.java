package com.logininsights.cluster;

/**
 * Stops what a test started, in the order given, each one even when one before it failed to stop: a cluster left
 * running by a broker that would not close would outlive the test. The first failure is thrown, the others added to
 * it.
 */
final class StopAll {
    private StopAll() {}

    /** @param started newest first; nulls (never started) are skipped */
    static void inOrder(AutoCloseable... started) throws Exception {
        Exception first = null;
        for (AutoCloseable program : started) {
            if (program == null) {
                continue;
            }
            try {
                program.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
