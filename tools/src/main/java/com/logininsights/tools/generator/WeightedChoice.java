package com.logininsights.tools.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/** Picks one of a fixed set of values, each as often as its weight says. */
final class WeightedChoice<T> {
    private final List<T> values = new ArrayList<>();
    private final List<Integer> cumulativeWeights = new ArrayList<>();
    private int totalWeight;

    WeightedChoice<T> add(T value, int weight) {
        if (weight <= 0) {
            throw new IllegalArgumentException("weight must be positive: " + weight);
        }
        totalWeight += weight;
        values.add(value);
        cumulativeWeights.add(totalWeight);
        return this;
    }

    /** The same choice among the values that pass the test, each with its weight; possibly empty. */
    WeightedChoice<T> only(Predicate<T> test) {
        WeightedChoice<T> kept = new WeightedChoice<>();
        for (int i = 0; i < values.size(); i++) {
            if (test.test(values.get(i))) {
                kept.add(values.get(i), cumulativeWeights.get(i) - (i == 0 ? 0 : cumulativeWeights.get(i - 1)));
            }
        }
        return kept;
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    List<T> values() {
        return List.copyOf(values);
    }

    T pick(RandomGenerator random) {
        int ticket = random.nextInt(totalWeight);
        for (int i = 0; i < values.size(); i++) {
            if (ticket < cumulativeWeights.get(i)) {
                return values.get(i);
            }
        }
        throw new IllegalStateException("no values to pick from");
    }
}
