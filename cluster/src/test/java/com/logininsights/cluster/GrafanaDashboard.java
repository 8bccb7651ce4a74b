package com.logininsights.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Grafana dashboard file (the JSON that Grafana provisions from {@code monitoring/grafana/dashboards/}): its panels,
 * rows included, and the Prometheus query of every panel target.
 */
record GrafanaDashboard(String uid, String title, List<Panel> panels) {

    /** A panel; a row is a panel of type {@code row}, whose own panels are listed after it. */
    record Panel(int id, String type, String title, String datasourceUid, List<Target> targets) {
        boolean isRow() {
            return type.equals("row");
        }
    }

    /** One query of a panel. */
    record Target(String panelTitle, String refId, String expr, String datasourceUid) {
        @Override
        public String toString() {
            return "'" + panelTitle + "' " + refId + ": " + expr;
        }
    }

    static GrafanaDashboard load(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<Panel> panels = new ArrayList<>();
        collectPanels(root.path("panels"), panels);
        return new GrafanaDashboard(
                root.path("uid").asText(), root.path("title").asText(), panels);
    }

    /** Rows that are collapsed keep their panels inside them; open rows have them at the top level. */
    private static void collectPanels(JsonNode nodes, List<Panel> into) {
        for (JsonNode node : nodes) {
            String title = node.path("title").asText();
            String panelDatasource = node.path("datasource").path("uid").asText(null);
            List<Target> targets = new ArrayList<>();
            for (JsonNode target : node.path("targets")) {
                targets.add(new Target(
                        title,
                        target.path("refId").asText(),
                        target.path("expr").asText(""),
                        target.path("datasource").path("uid").asText(panelDatasource)));
            }
            into.add(new Panel(node.path("id").asInt(), node.path("type").asText(), title, panelDatasource, targets));
            collectPanels(node.path("panels"), into);
        }
    }

    /** Every query of every panel, in the order of the file. */
    List<Target> targets() {
        return panels.stream().flatMap(p -> p.targets().stream()).toList();
    }

    /** The panels that show data (everything but rows). */
    List<Panel> dataPanels() {
        return panels.stream().filter(p -> !p.isRow()).toList();
    }
}
