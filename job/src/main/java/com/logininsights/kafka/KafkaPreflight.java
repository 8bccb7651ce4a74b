package com.logininsights.kafka;

import com.logininsights.config.JobConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/**
 * Checks before the job starts that the brokers answer and that every topic exists. Without it, a wrong address or
 * a missing topic shows up as a job that restarts forever with a stack trace deep in its log.
 */
public final class KafkaPreflight {
    private static final int TIMEOUT_SECONDS = 20;

    private KafkaPreflight() {}

    /** Returns the problems found, each a sentence a user can act on; empty when all is well. */
    public static List<String> problems(JobConfig config) throws InterruptedException {
        Properties properties = new Properties();
        properties.putAll(config.kafkaProperties().asMap());
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_SECONDS * 1000);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_SECONDS * 1000);
        List<String> problems = new ArrayList<>();
        try (Admin admin = Admin.create(properties)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            for (String topic : List.of(
                    config.inputTopic(), config.processedTopic(), config.deadLetterTopic(), config.insightsTopic())) {
                if (!existing.contains(topic)) {
                    problems.add("topic '" + topic + "' does not exist on " + config.bootstrapServers()
                            + "; create it first (the README lists the topics and their settings)");
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            problems.add("no Kafka broker answered at " + config.bootstrapServers() + " within " + TIMEOUT_SECONDS
                    + " s; is it running, and is --bootstrap-servers right?");
        } catch (KafkaException e) {
            problems.add("the Kafka client settings are not usable: " + e.getMessage()
                    + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
        }
        return problems;
    }
}
