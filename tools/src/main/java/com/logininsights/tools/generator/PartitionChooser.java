package com.logininsights.tools.generator;

import com.logininsights.tools.cli.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides each record's partition. By default the producer decides (unkeyed records: its sticky partitioner, like
 * upstream). A quiet partition needs explicit choice, and explicit choice needs the topic's real partition count:
 * records are then dealt round-robin over every partition but the quiet one, so all the others keep moving.
 */
final class PartitionChooser {
    private final List<Integer> targets;
    private int next;

    private PartitionChooser(List<Integer> targets) {
        this.targets = targets;
    }

    static PartitionChooser plan(GeneratorConfig config, int topicPartitions) throws UsageException {
        if (config.partitions().isEmpty() && config.quietPartition().isEmpty()) {
            return new PartitionChooser(List.of());
        }
        int spread = config.partitions().orElse(topicPartitions);
        if (spread > topicPartitions) {
            throw new UsageException("--partitions: topic '" + config.topic() + "' has only " + topicPartitions
                    + " partition(s), not " + spread);
        }
        List<Integer> targets = new ArrayList<>();
        for (int partition = 0; partition < spread; partition++) {
            if (config.quietPartition().isEmpty()
                    || partition != config.quietPartition().getAsInt()) {
                targets.add(partition);
            }
        }
        if (config.quietPartition().isPresent() && targets.size() == spread) {
            throw new UsageException("--quiet-partition: topic '" + config.topic() + "' has no partition "
                    + config.quietPartition().getAsInt() + " (it has " + topicPartitions + ")");
        }
        if (targets.isEmpty()) {
            throw new UsageException("--quiet-partition: topic '" + config.topic() + "' has a single partition, so "
                    + "keeping it quiet leaves nowhere to write");
        }
        return new PartitionChooser(List.copyOf(targets));
    }

    /** The partition for the next record, or null to let the producer choose. */
    Integer next() {
        if (targets.isEmpty()) {
            return null;
        }
        Integer partition = targets.get(next);
        next = (next + 1) % targets.size();
        return partition;
    }

    String describe() {
        return targets.isEmpty() ? "producer's choice (sticky)" : "round-robin over " + targets;
    }
}
