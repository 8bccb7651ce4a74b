package com.logininsights.kafka;

import com.logininsights.common.Durations;
import com.logininsights.config.JobConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks before the job starts that the brokers answer, that every topic exists and that the job may do what it
 * must ({@link RequiredRights}). Without it, a wrong address, a missing topic or a missing ACL shows up as a job that
 * restarts forever with a stack trace deep in its log.
 */
public final class KafkaPreflight {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPreflight.class);
    /** How long the job waits for each answer before it says that no broker answered. */
    public static final Duration PATIENCE = Duration.ofSeconds(20);

    private KafkaPreflight() {}

    /** Returns the problems found, each a sentence a user can act on; empty when all is well. */
    public static List<String> problems(JobConfig config) throws InterruptedException {
        return problems(config, PATIENCE);
    }

    /** As {@link #problems(JobConfig)}, waiting {@code patience} for each answer. */
    public static List<String> problems(JobConfig config, Duration patience) throws InterruptedException {
        int patienceMillis = Math.toIntExact(patience.toMillis());
        Properties properties = new Properties();
        properties.putAll(config.kafkaProperties().asMap());
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, patienceMillis);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, patienceMillis);
        List<String> problems = new ArrayList<>();
        try (Admin admin = Admin.create(properties)) {
            RightsCheck rights = new RightsCheck(admin, config, patience);
            for (String topic : rights.missingTopics()) {
                problems.add("topic '" + topic + "' does not exist on " + config.bootstrapServers()
                        + "; create it first (the README lists the topics and their settings)");
            }
            if (problems.isEmpty()) {
                problems.addAll(rights.missingRights());
            }
            if (problems.isEmpty()) {
                problems.addAll(otherWriters(admin, config, patience));
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException refused) {
                problems.add("the Kafka broker at " + config.bootstrapServers() + " refused the job's login: "
                        + refused.getMessage());
            } else if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                problems.add(noAnswer(config, patience));
            } else {
                problems.add("the Kafka broker at " + config.bootstrapServers() + " failed the start-up check: "
                        + e.getCause());
            }
        } catch (TimeoutException e) {
            problems.add(noAnswer(config, patience));
        } catch (KafkaException e) {
            problems.add("the Kafka client settings are not usable: " + e.getMessage()
                    + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
        }
        return problems;
    }

    private static String noAnswer(JobConfig config, Duration patience) {
        return "no Kafka broker answered at " + config.bootstrapServers() + " within " + Durations.format(patience)
                + "; is it running, and is --bootstrap-servers right?";
    }

    /**
     * Another job writing, in transactions, to one of our output topics right now: two jobs with the same outputs
     * duplicate every record (the docker-compose job and a local run left at its defaults, say). Writers without
     * transactions cannot be seen this way, and a broker that does not let us list transactions skips the check.
     */
    private static List<String> otherWriters(Admin admin, JobConfig config, Duration patience)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> outputs = Set.copyOf(config.outputTopics());
        Collection<TransactionListing> ongoing;
        try {
            ongoing = admin.listTransactions(
                            new ListTransactionsOptions().filterStates(List.of(TransactionState.ONGOING)))
                    .all()
                    .get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException) {
                LOG.info("Not checking for other jobs writing to {}: not allowed to list transactions", outputs);
                return List.of();
            }
            throw e;
        }
        List<String> others = ongoing.stream()
                .map(TransactionListing::transactionalId)
                .filter(id -> !KafkaConnectors.isOurs(id, config))
                .toList();
        if (others.isEmpty()) {
            return List.of();
        }
        Map<String, TransactionDescription> described =
                admin.describeTransactions(others).all().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, String> writerPerTopic = new TreeMap<>();
        described.forEach((id, description) -> description.topicPartitions().stream()
                .map(TopicPartition::topic)
                .filter(outputs::contains)
                .forEach(topic -> writerPerTopic.putIfAbsent(topic, id)));
        List<String> problems = new ArrayList<>();
        writerPerTopic.forEach((topic, id) -> problems.add("another job is writing to topic '" + topic
                + "' (Kafka transactional id '" + id + "'); two jobs writing the same topics duplicate every"
                + " output. Give this one its own output topics, or stop the other (a crashed run's transaction"
                + " expires within " + KafkaConnectors.TRANSACTION_TIMEOUT.toMinutes() + " minutes)"));
        return problems;
    }
}
