package com.logininsights.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.config.JobConfig;
import com.logininsights.testing.ExactlyOnceLedger;
import com.logininsights.testing.FailOnceDeserializer;
import com.logininsights.testing.JobRun;
import com.logininsights.testing.KafkaBroker;
import com.logininsights.testing.LateRecordsDropped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * (c) Exactly-once, proven: the job runs unbounded while the test injects an operator failure and then kills its
 * TaskManager, each mid-stream. Readers with isolation.level=read_committed must then find every expected record
 * exactly once on all three topics ({@link ExactlyOnceLedger}).
 */
class ExactlyOnceIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final int PER_BATCH = 600;

    @RegisterExtension
    @Order(1)
    static final KafkaBroker BROKER = new KafkaBroker();

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = JobRun.miniCluster(2, METRICS);

    @Test
    void everyRecordIsWrittenOnceDespiteACrashAndALostTaskManager(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        JobConfig config = JobRun.config(BROKER, "exactly-once", ExactlyOnceLedger.JOB_FLAGS.toArray(String[]::new));
        JobRun.createTopics(BROKER, config, 2);
        ExactlyOnceLedger ledger = new ExactlyOnceLedger(BROKER, config, PATIENCE);
        JobClient job = JobRun.start(config, new FailOnceDeserializer(JobRun.realDeserializer(config)));
        try {
            ledger.produceBatch(0);
            ledger.awaitEnriched();

            FailOnceDeserializer.arm();
            ledger.produceBatch(1);
            ledger.awaitEnriched();
            assertThat(FailOnceDeserializer.fired())
                    .as("the injected failure happened")
                    .isTrue();

            cluster.terminateTaskManager(0).get(60, TimeUnit.SECONDS);
            ledger.produceBatch(2);
            cluster.startTaskManager();
            ledger.awaitEnriched();

            ledger.produceFlush();
            ExactlyOnceLedger.Read outputs = ledger.assertEveryRecordOnce();
            assertThat(LateRecordsDropped.byOperator(METRICS, job.getJobID()))
                    .isNotEmpty()
                    .allSatisfy((operator, dropped) ->
                            assertThat(dropped).as(operator).isZero());

            int uncommitted = BROKER.read(
                            config.processedTopic(), "read_uncommitted", Duration.ofSeconds(5), read -> false)
                    .size();
            System.out.printf(
                    "exactly-once: %d enriched records read_committed, %d read_uncommitted%n",
                    outputs.enriched().size(), uncommitted);
        } finally {
            job.cancel().get();
        }
    }
}
