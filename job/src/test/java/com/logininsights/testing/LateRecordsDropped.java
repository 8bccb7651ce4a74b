package com.logininsights.testing;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;

/**
 * Reads Flink's own {@code numLateRecordsDropped} counter of every window operator subtask: the records a window
 * dropped because they came after its watermark, without a side output to catch them. The job must keep it at 0.
 */
public final class LateRecordsDropped {
    private static final String METRIC = "numLateRecordsDropped";

    private LateRecordsDropped() {}

    /**
     * The counter's value by the metric's full identifier, which names the operator and the subtask; summed over
     * the attempts of a subtask that was restarted.
     */
    public static Map<String, Long> byOperator(InMemoryReporter metrics, JobID job) {
        Map<String, Long> dropped = new TreeMap<>();
        metrics.findJobMetricGroups(job, METRIC)
                .forEach(found -> dropped.merge(
                        found.f0.getMetricIdentifier(found.f1), ((Counter) found.f2).getCount(), Long::sum));
        return dropped;
    }
}
