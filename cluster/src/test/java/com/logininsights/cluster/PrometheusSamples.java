package com.logininsights.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The samples of a Prometheus text exposition (what Flink's PrometheusReporter serves at /metrics). */
record PrometheusSamples(List<Sample> samples) {

    record Sample(String name, Map<String, String> labels, double value) {}

    static PrometheusSamples parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            Map<String, String> labels = new LinkedHashMap<>();
            String name;
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                parseLabels(line.substring(brace + 1, line.lastIndexOf('}')), labels);
            } else {
                name = line.substring(0, space);
            }
            samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
        }
        return new PrometheusSamples(samples);
    }

    private static void parseLabels(String text, Map<String, String> labels) {
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                return;
            }
            String key = text.substring(i, eq).replace(",", "").strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // past ="
            while (j < text.length() && text.charAt(j) != '"') {
                char c = text.charAt(j);
                if (c == '\\' && j + 1 < text.length()) {
                    char next = text.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
        }
    }

    /** The samples of one metric whose labels include all of {@code labels}. */
    List<Sample> find(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
    }

    /** The sum over the matching samples (for example over every subtask of an operator). */
    double sum(String name, Map<String, String> labels) {
        return find(name, labels).stream().mapToDouble(Sample::value).sum();
    }
}
