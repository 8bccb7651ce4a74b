package com.logininsights.insights;

import com.logininsights.model.LoginEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * Everything the insights need from one window, for the users of one spread bucket (see {@link Spread}): total
 * logins, distinct users, records with missing fields, and a {@link ValueTally} per value of every
 * {@link Dimension}. Tallies of the same window merge into the tally of the whole window.
 */
@TypeInfo(WindowTallySerializer.TypeInfo.class)
public final class WindowTally {
    private static final Dimension[] DIMENSIONS = Dimension.values();

    long windowStartMillis;
    long windowEndMillis;
    int spread;
    long logins;
    long recordsWithMissingFields;
    DistinctUsers users;
    final EnumMap<Dimension, Map<String, ValueTally>> byDimension;

    public WindowTally() {
        users = new DistinctUsers();
        byDimension = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.values()) {
            byDimension.put(dimension, new HashMap<>());
        }
    }

    public void add(LoginEvent event, DimensionLimits limits) {
        logins++;
        if (event.hasMissingFields()) {
            recordsWithMissingFields++;
        }
        long user = DistinctUsers.userKey(event.userId());
        users.add(user);
        for (Dimension dimension : DIMENSIONS) {
            Map<String, ValueTally> values = byDimension.get(dimension);
            values.computeIfAbsent(limits.countAs(dimension.valueOf(event), values), v -> new ValueTally())
                    .add(user);
        }
    }

    public void addAll(WindowTally other, DimensionLimits limits) {
        logins += other.logins;
        recordsWithMissingFields += other.recordsWithMissingFields;
        users.addAll(other.users);
        for (Dimension dimension : DIMENSIONS) {
            Map<String, ValueTally> mine = byDimension.get(dimension);
            other.byDimension
                    .get(dimension)
                    .forEach((value, tally) -> mine.merge(limits.countAs(value, mine), tally.copy(), (a, b) -> {
                        a.addAll(b);
                        return a;
                    }));
        }
    }

    /**
     * Keeps, per dimension, the {@code maxValues} values with the most logins (ties by name) and counts the rest
     * as {@link DimensionLimits#OTHER}: a whole window's tally, merged from buckets that each counted their first
     * values, then shows the values that matter most.
     */
    public void keepTopValues(DimensionLimits limits) {
        for (Dimension dimension : DIMENSIONS) {
            Map<String, ValueTally> values = byDimension.get(dimension);
            ValueTally other = values.remove(DimensionLimits.OTHER);
            if (values.size() > limits.maxValues()) {
                List<Map.Entry<String, ValueTally>> ranked = new ArrayList<>(values.entrySet());
                ranked.sort(Comparator.comparingLong((Map.Entry<String, ValueTally> e) ->
                                e.getValue().logins())
                        .reversed()
                        .thenComparing(Map.Entry::getKey));
                for (Map.Entry<String, ValueTally> dropped : ranked.subList(limits.maxValues(), ranked.size())) {
                    values.remove(dropped.getKey());
                    if (other == null) {
                        other = dropped.getValue();
                    } else {
                        other.addAll(dropped.getValue());
                    }
                }
            }
            if (other != null) {
                values.put(DimensionLimits.OTHER, other);
            }
        }
    }

    public WindowTally copy() {
        WindowTally copy = new WindowTally();
        copy.stamp(windowStartMillis, windowEndMillis, spread);
        copy.addAll(this, DimensionLimits.NONE);
        return copy;
    }

    /** Says which window and which spread bucket this tally is for. */
    public void stamp(long windowStartMillis, long windowEndMillis, int spread) {
        this.windowStartMillis = windowStartMillis;
        this.windowEndMillis = windowEndMillis;
        this.spread = spread;
    }

    public long windowStartMillis() {
        return windowStartMillis;
    }

    public long windowEndMillis() {
        return windowEndMillis;
    }

    public int spread() {
        return spread;
    }

    public long logins() {
        return logins;
    }

    public long recordsWithMissingFields() {
        return recordsWithMissingFields;
    }

    public long distinctUsers() {
        return users.estimate();
    }

    public Map<String, ValueTally> values(Dimension dimension) {
        return byDimension.get(dimension);
    }
}
