package com.logininsights.tools.bench.contenders;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of the reference contenders: {@code --name value} pairs, bare {@code --switch}es, and the
 * repeatable {@code --kafka-property KEY=VALUE}.
 */
final class LoopArgs {
    private final Map<String, List<String>> values = new HashMap<>();

    LoopArgs(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + args[i]);
            }
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            values.computeIfAbsent(args[i], name -> new ArrayList<>()).add(hasValue ? args[++i] : "true");
        }
    }

    String required(String name) {
        List<String> given = values.get(name);
        if (given == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return given.get(given.size() - 1);
    }

    long number(String name, long otherwise) {
        return values.containsKey(name) ? Long.parseLong(required(name)) : otherwise;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** Every {@code --kafka-property KEY=VALUE}, in order; a later one for the same key wins. */
    Map<String, String> kafkaProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String setting : values.getOrDefault("--kafka-property", List.of())) {
            int equals = setting.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--kafka-property: '" + setting + "' is not KEY=VALUE");
            }
            properties.put(setting.substring(0, equals), setting.substring(equals + 1));
        }
        return properties;
    }
}
