package com.logininsights.tools.generator;

import java.util.ArrayList;
import java.util.List;
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
