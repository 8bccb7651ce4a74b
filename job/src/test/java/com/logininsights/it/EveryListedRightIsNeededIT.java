package com.logininsights.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.common.broker.BrokerClients.Record;
import com.logininsights.common.broker.LocalKafkaBroker;
import com.logininsights.config.JobConfig;
import com.logininsights.kafka.RequiredRights;
import com.logininsights.kafka.RequiredRights.Right;
import com.logininsights.testing.JobRun;
import com.logininsights.testing.KafkaBroker;
import com.logininsights.testing.LoggedRefusals;
import com.logininsights.testing.Sample;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.apache.flink.util.FlinkExpectedException;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.AuthorizationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No right in {@link RequiredRights} is one too many: with any one of them taken away, the job started without its
 * start-up check (which would refuse) fails on the broker's refusal. {@link LeastPrivilegeIT} shows that the rights
 * together suffice. Slow (a job per right), so in the slow suite.
 */
class EveryListedRightIsNeededIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String JOB = "User:" + LocalKafkaBroker.USER;

    @RegisterExtension
    @Order(1)
    static final KafkaBroker BROKER = KafkaBroker.withAcls();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = JobRun.miniCluster();

    /**
     * The MiniCluster's TaskManager of this test (they are numbered as started). A fresh one per right: a sink that
     * may not write its topic fails its task, and its close can then fail too, which Flink takes for a fatal error
     * and shuts the TaskManager down (on a cluster, its process exits). It happened here once in a few runs.
     */
    private static int taskManager;

    /**
     * Input that makes every sink write: a valid login (from a watched locale, so an alert), a rejected record, and a
     * login that closes the window.
     */
    @BeforeAll
    static void createTopicsAndInput() throws Exception {
        JobConfig config = config();
        JobRun.createTopics(BROKER, config, 1);
        long second = System.currentTimeMillis() / 1000 - 600;
        BROKER.produce(
                config.inputTopic(),
                List.of(
                        Record.of(0, Sample.login("user-1", second)),
                        Record.of(0, "not json"),
                        Record.of(0, Sample.login("user-2", second + 100))));
    }

    static Stream<Right> rights() {
        return RequiredRights.of(config()).stream();
    }

    @ParameterizedTest(name = "without {0}")
    @MethodSource("rights")
    void withoutAnyOneRightTheJobFailsOnTheBrokersRefusal(Right missing, @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        JobConfig config = config();
        List<AclBinding> granted = BROKER.grantAllBut(missing, JOB, RequiredRights.of(config));
        try {
            StreamExecutionEnvironment env = JobRun.build(config, JobRun.realDeserializer(config));
            Configuration noRestarts = new Configuration();
            noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            env.configure(noRestarts);
            LoggedRefusals logged = LoggedRefusals.listen();
            JobClient job = env.executeAsync("login-insights without " + missing);
            Throwable failure;
            try {
                job.getJobExecutionResult().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                throw new AssertionError("the job ended without " + missing);
            } catch (ExecutionException e) {
                failure = e.getCause();
            } catch (TimeoutException e) {
                job.cancel().get();
                throw new AssertionError("the job ran for " + PATIENCE.toSeconds() + " s without " + missing);
            }
            logged.close();
            // The refusal fails the job, or fails the TaskManager first (see LoggedRefusals), and then only its log
            // says why.
            Optional<AuthorizationException> refusal = ExceptionUtils.findThrowable(
                            failure, AuthorizationException.class)
                    .or(() -> ExceptionUtils.findThrowable(failure, FlinkExpectedException.class)
                            .flatMap(shutDown -> logged.first()));
            assertThat(refusal)
                    .as("the broker's refusal in the job's failure: %s", ExceptionUtils.stringifyException(failure))
                    .isPresent();
            System.out.println("Without " + missing + " the job fails with: " + refusal.get());
        } finally {
            BROKER.revoke(granted);
            cluster.terminateTaskManager(taskManager).get(60, TimeUnit.SECONDS);
            cluster.startTaskManager();
            taskManager++;
        }
    }

    private static JobConfig config() {
        // The sample logins are from RU: watching it makes the alerts' sink write too.
        return JobRun.configAs(
                LocalKafkaBroker.USER,
                BROKER,
                "needed",
                "--window",
                "10s",
                "--parallelism",
                "1",
                "--watched-locales",
                "RU");
    }
}
