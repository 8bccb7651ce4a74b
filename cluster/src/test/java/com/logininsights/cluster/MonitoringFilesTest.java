package com.logininsights.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.logininsights.cluster.GrafanaDashboard.Panel;
import com.logininsights.cluster.GrafanaDashboard.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The monitoring profile's files agree with each other and with the Flink configuration, as far as that can be
 * checked without Docker: the dashboard reads from the data source Grafana provisions, Grafana finds the dashboard
 * where docker-compose.yml mounts it, Prometheus scrapes the port Flink's reporter serves and finds its alerting rules,
 * and every alert is explained and tested. Whether the dashboard's queries and the rules find real metrics is
 * {@link DashboardQueriesIT}'s job; whether the rules fire when they should, {@code promtool test rules}' (CI).
 */
class MonitoringFilesTest {
    private static final Path REPO = Path.of(System.getProperty("logininsights.root", ".."))
            .toAbsolutePath()
            .normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String DASHBOARDS_IN_REPO = "./monitoring/grafana/dashboards";
    private static final String PROMETHEUS_DIR = "monitoring/prometheus";

    @Test
    void everyPanelOfTheDashboardHasAQueryOnTheProvisionedDataSource() throws IOException {
        GrafanaDashboard dashboard =
                GrafanaDashboard.load(REPO.resolve("monitoring/grafana/dashboards/login-insights.json"));
        JsonNode dataSources = yaml("monitoring/grafana/provisioning/datasources/prometheus.yml")
                .path("datasources");
        assertThat(dataSources).as("provisioned data sources").hasSize(1);
        String uid = dataSources.get(0).path("uid").asText();
        assertThat(dataSources.get(0).path("url").asText())
                .as("the data source's address: the compose service")
                .isEqualTo("http://prometheus:9090");

        assertThat(dashboard.dataPanels()).as("panels").hasSizeGreaterThanOrEqualTo(10);
        for (Panel panel : dashboard.dataPanels()) {
            assertThat(panel.targets())
                    .as("queries of panel '%s'", panel.title())
                    .isNotEmpty();
            assertThat(panel.datasourceUid())
                    .as("data source of panel '%s'", panel.title())
                    .isEqualTo(uid);
        }
        for (Target target : dashboard.targets()) {
            assertThat(target.expr()).as("query %s", target).isNotBlank();
            assertThat(target.datasourceUid()).as("data source of %s", target).isEqualTo(uid);
        }
    }

    @Test
    void grafanaFindsTheDashboardWhereComposeMountsIt() throws IOException {
        JsonNode grafana = compose().path("services").path("grafana");
        String mountedAt = mountTarget(grafana, DASHBOARDS_IN_REPO);
        JsonNode providers = yaml("monitoring/grafana/provisioning/dashboards/login-insights.yml")
                .path("providers");
        assertThat(providers).as("dashboard providers").hasSize(1);
        assertThat(providers.get(0).path("options").path("path").asText())
                .as("where the provider looks for dashboards")
                .isEqualTo(mountedAt);
        assertThat(grafana.path("environment")
                        .path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")
                        .asText())
                .as("Grafana's home dashboard")
                .isEqualTo(mountedAt + "/login-insights.json");
        for (String folder : List.of("datasources", "dashboards")) {
            assertThat(mountTarget(grafana, "./monitoring/grafana/provisioning/" + folder))
                    .isEqualTo("/etc/grafana/provisioning/" + folder);
        }
        assertThat(grafana.path("profiles")).as("grafana's profiles").containsExactly(text("monitoring"));
        assertThat(compose().path("services").path("prometheus").path("profiles"))
                .as("prometheus's profiles")
                .containsExactly(text("monitoring"));
    }

    /**
     * One convention everywhere: inside the compose network every Flink process serves metrics on the port of
     * flink-conf/; on the host the JobManager is on 9249 and the TaskManager on 9250, as scripts/flink-cluster
     * starts them (JobManager on --metrics-port, 9249 by default; TaskManagers on the next free ports above it).
     */
    @Test
    void prometheusPortsAgreeAcrossFlinkConfComposePrometheusAndTheClusterScript() throws IOException {
        int reporterPort = yaml("flink-conf/config.yaml")
                .path("metrics.reporter.prom.port")
                .asInt();
        assertThat(reporterPort).as("flink-conf: metrics.reporter.prom.port").isEqualTo(9249);

        JsonNode services = compose().path("services");
        assertThat(services.path("jobmanager").path("ports"))
                .as("jobmanager's published ports")
                .contains(text("127.0.0.1:9249:" + reporterPort));
        assertThat(services.path("taskmanager").path("ports"))
                .as("taskmanager's published ports")
                .contains(text("127.0.0.1:9250:" + reporterPort));

        JsonNode scrapeConfigs = yaml("monitoring/prometheus/prometheus.yml").path("scrape_configs");
        List<String> scraped = new ArrayList<>();
        for (JsonNode job : scrapeConfigs) {
            job.path("static_configs").forEach(c -> c.path("targets").forEach(t -> scraped.add(t.asText())));
            job.path("dns_sd_configs")
                    .forEach(c -> c.path("names")
                            .forEach(n -> scraped.add(
                                    n.asText() + ":" + c.path("port").asInt())));
        }
        assertThat(scraped)
                .as("what Prometheus scrapes")
                .containsExactlyInAnyOrder("jobmanager:" + reporterPort, "taskmanager:" + reporterPort);

        String script = Files.readString(REPO.resolve("scripts/flink-cluster"));
        Matcher defaultPort =
                Pattern.compile("metrics_port=\\$\\{metrics_port:-(\\d+)}").matcher(script);
        assertThat(defaultPort.find())
                .as("scripts/flink-cluster's default --metrics-port")
                .isTrue();
        assertThat(Integer.parseInt(defaultPort.group(1)))
                .as("scripts/flink-cluster: the JobManager's metrics port")
                .isEqualTo(9249);
    }

    /**
     * Prometheus reads its rule files relative to its configuration, which compose mounts in /etc/prometheus: every
     * rule file must be mounted there from monitoring/prometheus/, and be the one the rule tests load.
     */
    @Test
    void prometheusFindsTheAlertRulesWhereComposeMountsThemAndTheTestsLoadTheSame() throws IOException {
        JsonNode prometheus = compose().path("services").path("prometheus");
        String configAt = mountTarget(prometheus, "./" + PROMETHEUS_DIR + "/prometheus.yml");
        String configDir = configAt.substring(0, configAt.lastIndexOf('/'));
        List<String> ruleFiles = texts(yaml(PROMETHEUS_DIR + "/prometheus.yml").path("rule_files"));
        assertThat(ruleFiles).as("prometheus.yml's rule_files").isNotEmpty();
        for (String file : ruleFiles) {
            assertThat(REPO.resolve(PROMETHEUS_DIR).resolve(file))
                    .as("rule file %s", file)
                    .isRegularFile();
            assertThat(mountTarget(prometheus, "./" + PROMETHEUS_DIR + "/" + file))
                    .as("where compose mounts %s", file)
                    .isEqualTo(configDir + "/" + file);
        }
        assertThat(texts(yaml(PROMETHEUS_DIR + "/alerts.test.yml").path("rule_files")))
                .as("the rule files the tests load")
                .containsExactlyInAnyOrderElementsOf(ruleFiles);
    }

    /**
     * Every alert says how bad it is and what it means, and the rule tests make each one fire at least once (a rule
     * only ever tested quiet could be one that never fires).
     */
    @Test
    void everyAlertHasASeverityAnExplanationAndATestThatMakesItFire() throws IOException {
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : yaml(PROMETHEUS_DIR + "/alerts.yml").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    String name = rule.path("alert").asText();
                    alerts.add(name);
                    assertThat(rule.path("labels").path("severity").asText())
                            .as("%s's severity", name)
                            .isIn("warning", "critical");
                    assertThat(rule.path("annotations").path("summary").asText())
                            .as("%s's summary", name)
                            .isNotBlank();
                    assertThat(rule.path("annotations").path("description").asText())
                            .as("%s's description", name)
                            .isNotBlank();
                }
            }
        }
        assertThat(alerts).as("alerts in alerts.yml").hasSizeGreaterThanOrEqualTo(5);

        List<String> firedInTests = new ArrayList<>();
        for (JsonNode test : yaml(PROMETHEUS_DIR + "/alerts.test.yml").path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                if (!check.path("exp_alerts").isEmpty()) {
                    firedInTests.add(check.path("alertname").asText());
                }
            }
        }
        assertThat(firedInTests).as("alerts the rule tests make fire").containsAll(alerts);
    }

    /** The operators' table of the alerts (what each means, what to do) lists exactly the alerts there are. */
    @Test
    void theDocsExplainExactlyTheAlertsThereAre() throws IOException {
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : yaml(PROMETHEUS_DIR + "/alerts.yml").path("groups")) {
            group.path("rules").forEach(rule -> {
                if (rule.has("alert")) {
                    alerts.add(rule.path("alert").asText());
                }
            });
        }
        List<String> documented = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| `(\\w+)` \\| (warning|critical) \\|")
                .matcher(Files.readString(REPO.resolve("docs/running-with-docker-compose.md")));
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertThat(documented)
                .as("alerts in docs/running-with-docker-compose.md's table")
                .containsExactlyElementsOf(alerts);
    }

    private static JsonNode compose() throws IOException {
        return yaml("docker-compose.yml");
    }

    private static JsonNode yaml(String file) throws IOException {
        return YAML.readTree(REPO.resolve(file).toFile());
    }

    /** Where a service mounts a folder of this repository ("./dir:/target[:ro]"). */
    private static String mountTarget(JsonNode service, String source) {
        for (JsonNode volume : service.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[0].equals(source)) {
                return parts[1];
            }
        }
        throw new AssertionError("no volume mounts " + source + " in " + service.path("volumes"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static JsonNode text(String value) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(value);
    }
}
