package com.logininsights.kafka;

import com.logininsights.config.JobConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka ACLs the job's principal needs on a broker that allows nothing else, declared once: the start-up check
 * tests each ({@link KafkaPreflight}), the ACL test grants exactly these and runs the job through a failure, and
 * docs/security.md shows them as {@code kafka-acls.sh} lines (a test holds it to this list). Each right is one the job
 * cannot do without: the test removes each in turn. Read, Write and the group's Read each imply Describe, which the
 * job also uses (metadata, end offsets, committed offsets), so Describe is never listed on its own.
 */
public final class RequiredRights {
    private RequiredRights() {}

    /** One ACL: an operation on a resource (a name, or every name with a prefix), and what the job does with it. */
    public record Right(
            AclOperation operation, ResourceType resourceType, String name, PatternType patternType, String use) {

        /** Allows {@code principal} ({@code User:name}) this right, from any host. */
        public AclBinding allow(String principal) {
            return new AclBinding(
                    new ResourcePattern(resourceType, name, patternType),
                    new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
        }

        /** As an error names it: {@code Read on topic 'user-login'}. */
        public String named() {
            return operationName() + " on " + resourceName();
        }

        @Override
        public String toString() {
            return named();
        }

        /** {@code topic 'user-login'}, {@code transactional ids prefixed 'login-insights-'}. */
        public String resourceName() {
            String kind = switch (resourceType) {
                case TOPIC -> "topic";
                case GROUP -> "consumer group";
                case TRANSACTIONAL_ID -> "transactional id";
                default -> resourceType.name().toLowerCase(Locale.ROOT);
            };
            return patternType == PatternType.PREFIXED ? kind + "s prefixed '" + name + "'" : kind + " '" + name + "'";
        }

        /** {@code Read}, as kafka-acls.sh spells it. */
        public String operationName() {
            String lower = operation.name().toLowerCase(Locale.ROOT);
            return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
        }

        /** What kafka-acls.sh needs after {@code --add} to grant this right to {@code principal}. */
        public String kafkaAclsArguments(String principal) {
            String resource = switch (resourceType) {
                case TOPIC -> "--topic";
                case GROUP -> "--group";
                case TRANSACTIONAL_ID -> "--transactional-id";
                default -> throw new IllegalStateException("no kafka-acls.sh option for " + resourceType);
            };
            return "--allow-principal " + principal + " --operation " + operationName()
                    + (patternType == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "") + " "
                    + resource + " " + name;
        }
    }

    /** Every right the job needs with these flags, in the order the job uses them. */
    public static List<Right> of(JobConfig config) {
        boolean transactions = config.deliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE;
        List<Right> rights = new ArrayList<>();
        rights.add(topic(AclOperation.READ, config.inputTopic(), "the source reads it"));
        rights.add(new Right(
                AclOperation.READ,
                ResourceType.GROUP,
                config.groupId(),
                PatternType.LITERAL,
                "the source reads its committed offsets there at start and commits them on each checkpoint"));
        for (String output : config.outputTopics()) {
            rights.add(topic(AclOperation.WRITE, output, "a sink writes it"));
            if (transactions) {
                rights.add(topic(
                        AclOperation.READ,
                        output,
                        "at start its sink looks up the producers writing it, to abort its own unfinished"
                                + " transactions"));
            }
        }
        if (transactions) {
            rights.add(new Right(
                    AclOperation.WRITE,
                    ResourceType.TRANSACTIONAL_ID,
                    KafkaConnectors.transactionalIdsPrefix(config),
                    PatternType.PREFIXED,
                    "the sinks write in transactions under these ids"));
        }
        return List.copyOf(rights);
    }

    private static Right topic(AclOperation operation, String topic, String use) {
        return new Right(operation, ResourceType.TOPIC, topic, PatternType.LITERAL, use);
    }
}
