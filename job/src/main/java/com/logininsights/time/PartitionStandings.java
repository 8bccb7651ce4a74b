package com.logininsights.time;

import com.logininsights.time.PartitionProgress.Standing;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions one source subtask owns, how each stands (see {@link PartitionProgress}), and the two rules that
 * join them. It decides; the source reader carries its decisions out on Flink's outputs.
 *
 * <ul>
 *   <li><b>They resume together.</b> When a partition that was set aside delivers a valid event again, every other
 *       partition that was set aside counts again too, at its old watermark, for the idleness timeout. When the whole
 *       input was quiet and traffic resumes, the partition read first therefore cannot move event time on alone and
 *       make the others' first events late; windows close that much later after a quiet spell. It happens at the
 *       event itself, before that partition's watermark can move.
 *   <li><b>The subtask is idle as a whole</b> exactly when every partition it owns is set aside, or it has owned
 *       none for the idleness timeout; otherwise it is active, so that downstream operators never take their event
 *       time from other subtasks while this one still has records to deliver.
 * </ul>
 */
public final class PartitionStandings {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionStandings.class);
    /** Where the decisions go: a Flink source reader's outputs, or a test's record of them. */
    public interface Outputs {
        void markIdle(String partition);

        void markActive(String partition);

        void emitWatermark(String partition, long watermark);

        void markSubtaskIdle();

        void markSubtaskActive();
    }

    private final PartitionProgress.Rules rules;
    private final Outputs outputs;
    private final LongSupplier nanoClock;
    private final Map<String, Tracked> partitions = new LinkedHashMap<>();
    private long resumedUntilNanos = Long.MIN_VALUE;
    private long ownedNoneSinceNanos;
    private boolean subtaskSetAside;

    public PartitionStandings(PartitionProgress.Rules rules, Outputs outputs, LongSupplier nanoClock) {
        this.rules = rules;
        this.outputs = outputs;
        this.nanoClock = nanoClock;
        this.ownedNoneSinceNanos = nanoClock.getAsLong();
    }

    /** One partition as the reader sees it: where the records it reads are noted. */
    public final class Tracked {
        private final String name;
        private final PartitionProgress progress;
        private Standing applied = Standing.COUNTS;

        private Tracked(String name, PartitionProgress progress) {
            this.name = name;
            this.progress = progress;
        }

        /** A record read from this partition, accepted (with its event time) or not. */
        public void onRecord(long offset, boolean accepted, long eventTimeMillis) {
            progress.onRecord(offset, accepted, eventTimeMillis);
            if (accepted && applied == Standing.SET_ASIDE) {
                resumeTogether(nanoClock.getAsLong());
            }
        }

        public PartitionProgress progress() {
            return progress;
        }
    }

    /** A partition assigned to this subtask; see {@link PartitionProgress#PartitionProgress}. */
    public Tracked add(String partition, long position) {
        Tracked tracked = new Tracked(partition, new PartitionProgress(rules, position, nanoClock.getAsLong()));
        partitions.put(partition, tracked);
        return tracked;
    }

    /** A partition this subtask no longer owns (a bounded split read to its end). */
    public void remove(String partition) {
        if (partitions.remove(partition) != null && partitions.isEmpty()) {
            ownedNoneSinceNanos = nanoClock.getAsLong();
        }
    }

    public Iterable<Tracked> partitions() {
        return partitions.values();
    }

    /** Looks at every partition again and carries out what changed; call it regularly, at least once a second. */
    public void review() {
        long now = nanoClock.getAsLong();
        boolean anyResumed = false;
        Map<Tracked, Standing> standings = new LinkedHashMap<>();
        for (Tracked partition : partitions.values()) {
            Standing standing = partition.progress.standing(now);
            anyResumed |= partition.applied == Standing.SET_ASIDE && standing != Standing.SET_ASIDE;
            standings.put(partition, standing);
        }
        if (anyResumed) {
            resumedUntilNanos = now + rules.idleness().toNanos();
        }
        boolean anyCounts = false;
        for (Map.Entry<Tracked, Standing> entry : standings.entrySet()) {
            Standing standing = entry.getValue();
            String why = entry.getKey().progress.readToEnd(now)
                    ? "a valid event came"
                    : "the broker reports records not read yet, or has not answered lately";
            if (standing == Standing.SET_ASIDE && now < resumedUntilNanos) {
                standing = Standing.COUNTS;
                why = "another partition resumed";
            }
            apply(entry.getKey(), standing, now, why);
            anyCounts |= standing != Standing.SET_ASIDE;
        }
        applyToSubtask(anyCounts, now);
    }

    private void resumeTogether(long now) {
        resumedUntilNanos = now + rules.idleness().toNanos();
        for (Tracked partition : partitions.values()) {
            if (partition.applied == Standing.SET_ASIDE) {
                apply(partition, Standing.COUNTS, now, "a partition resumed with a valid event");
            }
        }
        applyToSubtask(true, now);
    }

    /** Carries out a partition's standing; {@code why} says why it counts again, for the log. */
    private void apply(Tracked partition, Standing standing, long now, String why) {
        Standing before = partition.applied;
        partition.applied = standing;
        switch (standing) {
            case SET_ASIDE -> {
                if (before != Standing.SET_ASIDE) {
                    outputs.markIdle(partition.name);
                    LOG.info(
                            "{} stops holding event time back: read to offset {}, its end, with no valid event for {}",
                            partition.name,
                            partition.progress.position(),
                            rules.idleness());
                }
            }
            case FOLLOWS_CLOCK -> {
                outputs.emitWatermark(partition.name, partition.progress.clockWatermark(now));
                if (before != Standing.FOLLOWS_CLOCK) {
                    LOG.info(
                            "{} is read to its end with no valid event for {}: its event time follows the clock",
                            partition.name,
                            rules.advanceAfterQuiet());
                }
            }
            case COUNTS -> {
                if (before == Standing.SET_ASIDE) {
                    outputs.markActive(partition.name);
                    LOG.info("{} holds event time back again: {}", partition.name, why);
                }
            }
        }
    }

    private void applyToSubtask(boolean anyCounts, long now) {
        boolean setAside = partitions.isEmpty()
                ? now - ownedNoneSinceNanos >= rules.idleness().toNanos()
                : !anyCounts;
        if (setAside && !subtaskSetAside) {
            outputs.markSubtaskIdle();
        } else if (!setAside && subtaskSetAside) {
            outputs.markSubtaskActive();
        }
        subtaskSetAside = setAside;
    }
}
