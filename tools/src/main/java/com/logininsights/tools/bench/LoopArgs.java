package com.logininsights.tools.bench;

import java.util.HashMap;
import java.util.Map;

/** The command line of the reference contenders: {@code --name value} pairs and bare {@code --switch}es. */
final class LoopArgs {
    private final Map<String, String> values = new HashMap<>();

    LoopArgs(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + args[i]);
            }
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            values.put(args[i], hasValue ? args[++i] : "true");
        }
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    long number(String name, long otherwise) {
        return values.containsKey(name) ? Long.parseLong(values.get(name)) : otherwise;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }
}
