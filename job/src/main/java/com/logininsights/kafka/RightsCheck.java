package com.logininsights.kafka;

import com.logininsights.config.JobConfig;
import com.logininsights.kafka.RequiredRights.Right;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClassicGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.InvalidTxnTimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the broker lets the job's principal do, asked before the job starts: the topics' and the group's rights from
 * the admin API's authorized operations, and the transactional ids' by registering an id of the job's own with a
 * producer, as the sinks will (never one of the sinks' ids: that would abort their unfinished transactions). A broker
 * without an authorizer allows everything, and says so.
 */
final class RightsCheck {
    private static final Logger LOG = LoggerFactory.getLogger(RightsCheck.class);

    /** The transactional id the check registers, under the sinks' prefix; it never opens a transaction. */
    static final String PROBE = "preflight";

    private final Admin admin;
    private final JobConfig config;
    private final Duration timeout;
    /** Per topic that exists or may not be described, what the principal may do on it (empty: not even Describe). */
    private final Map<String, Set<AclOperation>> topics = new HashMap<>();

    private final List<String> missingTopics = new ArrayList<>();

    /**
     * Describes every topic of the job.
     *
     * @throws ExecutionException when the broker refuses the login, or fails in a way no topic explains
     * @throws TimeoutException when no broker answers
     */
    RightsCheck(Admin admin, JobConfig config, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        this.admin = admin;
        this.config = config;
        this.timeout = timeout;
        Set<String> names = new LinkedHashSet<>();
        names.add(config.inputTopic());
        names.addAll(config.outputTopics());
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(
                        names, new DescribeTopicsOptions().includeAuthorizedOperations(true))
                .topicNameValues();
        for (String name : names) {
            try {
                TopicDescription topic = described.get(name).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                topics.put(name, operations(topic.authorizedOperations()));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    missingTopics.add(name);
                } else if (e.getCause() instanceof TopicAuthorizationException) {
                    topics.put(name, Set.of());
                } else {
                    throw e;
                }
            }
        }
    }

    /** The job's topics that do not exist (a topic the principal may not describe looks like a missing right). */
    List<String> missingTopics() {
        return missingTopics;
    }

    /** One sentence per right the principal lacks, naming the right, the principal and how to grant it. */
    List<String> missingRights() throws ExecutionException, TimeoutException, InterruptedException {
        Set<AclOperation> onGroup = groupOperations();
        List<String> problems = new ArrayList<>();
        for (Right right : RequiredRights.of(config)) {
            String problem = switch (right.resourceType()) {
                case TOPIC -> topics.get(right.name()).contains(right.operation()) ? null : missing(right);
                case GROUP -> onGroup.contains(right.operation()) ? null : missing(right);
                case TRANSACTIONAL_ID -> registerTransactionalId(right);
                default -> throw new IllegalStateException("no check for " + right);
            };
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    /**
     * What the principal may do on the job's group. Kafka tells only once the group exists (after the job's first
     * offset commit); before, it answers whether the principal may Describe the group (read its committed offsets)
     * and nothing more, so Describe stands for Read there. Without Read a job still runs, exactly once, but its
     * offset commits fail with a warning in its log.
     */
    private Set<AclOperation> groupOperations() throws ExecutionException, TimeoutException, InterruptedException {
        String group = config.groupId();
        try {
            return operations(admin.describeClassicGroups(
                            List.of(group), new DescribeClassicGroupsOptions().includeAuthorizedOperations(true))
                    .describedGroups()
                    .get(group)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .authorizedOperations());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupAuthorizationException) {
                return Set.of();
            }
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
        try {
            admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info(
                    "Consumer group '{}' does not exist yet, so Kafka shows only that the job may Describe it, not"
                            + " whether it may Read it (commit its offsets)",
                    group);
            return Set.of(AclOperation.DESCRIBE, AclOperation.READ);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupAuthorizationException) {
                return Set.of();
            }
            throw e;
        }
    }

    /** Null when a producer may use a transactional id under the right's prefix, else the problem. */
    private String registerTransactionalId(Right right) throws TimeoutException {
        Properties properties = KafkaConnectors.producerProperties(config);
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, right.name() + PROBE);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, right.name() + PROBE);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            return null;
        } catch (TransactionalIdAuthorizationException e) {
            return missing(right);
        } catch (InvalidTxnTimeoutException e) {
            return "the Kafka broker does not allow transactions as long as the sinks' "
                    + KafkaConnectors.TRANSACTION_TIMEOUT.toMinutes()
                    + " minutes: raise its transaction.max.timeout.ms, or lower --kafka-property"
                    + " transaction.timeout.ms (it must outlast a checkpoint and a restart)";
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new TimeoutException(e.getMessage());
        }
    }

    private String missing(Right right) {
        String principal = config.kafkaProperties().principal().orElse(null);
        return (principal != null ? principal : "the job's Kafka principal") + " lacks " + right.named() + " ("
                + right.use() + "); grant it with kafka-acls.sh --add "
                + right.kafkaAclsArguments(principal != null ? principal : "User:<principal>");
    }

    /** A broker without an authorizer answers with every operation; one asked without the option, with null. */
    private static Set<AclOperation> operations(Set<AclOperation> authorized) {
        return authorized == null ? Set.of(AclOperation.values()) : authorized;
    }
}
