package com.logininsights.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the Dockerfile and docker-compose.yml without a Docker engine (CI has none; it also runs
 * {@code docker-compose config} and the Dockerfile's build script): every file the Dockerfile takes from the
 * repository exists and passes .dockerignore, every jar it takes from its build stage is one the build script
 * makes, every stage compose asks for exists, every image is pinned to an exact version, and every port is
 * published on the loopback address alone.
 */
class DockerFilesTest {
    private static final Path REPO = Path.of(System.getProperty("logininsights.root", ".."))
            .toAbsolutePath()
            .normalize();
    private static final Pattern FROM =
            Pattern.compile("FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);
    /** An exact version: at least major.minor, or a JDK build such as 17.0.13_11; never "latest". */
    private static final Pattern PINNED = Pattern.compile("[^:@]+:v?\\d+\\.\\d+[0-9A-Za-z._-]*");

    private record Instruction(String keyword, List<String> arguments) {}

    @Test
    void everyFileTheDockerfileCopiesFromTheRepositoryExistsAndPassesDockerignore() throws IOException {
        List<String> allowed = dockerignoreAllowList();
        List<String> copied = new ArrayList<>();
        for (Instruction copy : instructions("COPY")) {
            if (copy.arguments().get(0).startsWith("--from=")) {
                continue;
            }
            copied.addAll(copy.arguments().subList(0, copy.arguments().size() - 1));
        }
        assertThat(copied).as("files the Dockerfile copies from the repository").isNotEmpty();
        for (String source : copied) {
            // "x.ja[r]" is the Dockerfile's way to copy a jar that may not have been built: it names x.jar.
            String file = source.replace("[r]", "r");
            assertThat(allowed.stream().anyMatch(a -> a.endsWith("/") ? (file + "/").startsWith(a) : file.equals(a)))
                    .as("%s passes .dockerignore (allowed: %s)", source, allowed)
                    .isTrue();
            if (!source.contains("[")) {
                assertThat(REPO.resolve(file))
                        .as("%s in the repository", source)
                        .exists();
            }
        }
    }

    @Test
    void theJarsTheImagesTakeAreTheOnesTheBuildScriptMakesOrTheHostProvides() throws IOException {
        Set<String> built = new HashSet<>();
        Matcher checked = Pattern.compile("(?m)^check_jar (\\S+) ")
                .matcher(Files.readString(REPO.resolve("scripts/build-cluster-jar")));
        while (checked.find()) {
            built.add("/src/" + checked.group(1));
        }
        assertThat(built).as("jars scripts/build-cluster-jar makes").hasSize(2);

        Set<String> fromHost = new HashSet<>();
        for (Instruction copy : instructions("COPY")) {
            List<String> args = copy.arguments();
            if (!args.get(0).startsWith("--from=")) {
                String destination = args.get(args.size() - 1);
                args.subList(0, args.size() - 1).stream()
                        .filter(s -> s.endsWith(".ja[r]"))
                        .forEach(s -> fromHost.add(
                                destination + Path.of(s.replace("[r]", "r")).getFileName()));
            }
        }
        assertThat(fromHost).as("jars the host may provide (JARS_FROM=host)").isEqualTo(built);

        List<String> taken = new ArrayList<>();
        for (Instruction copy : instructions("COPY")) {
            if (copy.arguments().get(0).equals("--from=jars")) {
                taken.add(copy.arguments().get(1));
            }
        }
        assertThat(taken).as("jars the images take from the stage 'jars'").containsExactlyInAnyOrderElementsOf(built);
    }

    @Test
    void composeBuildsStagesTheDockerfileHasForEitherSourceOfTheJars() throws IOException {
        Map<String, String> stages = stages();
        for (String jarsFrom : List.of("docker", "host")) {
            assertThat(stages).as("stage jars-from-%s", jarsFrom).containsKey("jars-from-" + jarsFrom);
        }
        assertThat(stages.get("jars")).as("the stage 'jars' picks its source").isEqualTo("jars-from-${JARS_FROM}");

        JsonNode services = new ObjectMapper(new YAMLFactory())
                .readTree(REPO.resolve("docker-compose.yml").toFile())
                .path("services");
        List<String> built = new ArrayList<>();
        services.fields().forEachRemaining(service -> {
            JsonNode build = service.getValue().path("build");
            if (!build.isMissingNode()) {
                built.add(service.getKey());
                assertThat(stages)
                        .as("the stage %s builds", service.getKey())
                        .containsKey(build.path("target").asText());
                assertThat(service.getValue().path("pull_policy").asText())
                        .as("%s is built here, never pulled", service.getKey())
                        .isEqualTo("build");
                assertThat(build.path("args").path("JARS_FROM").asText())
                        .as("%s passes JARS_FROM on", service.getKey())
                        .isEqualTo("${JARS_FROM:-docker}");
            }
        });
        assertThat(built)
                .as("services built from the Dockerfile")
                .containsExactlyInAnyOrder("job-submitter", "our-generator");
    }

    @Test
    void everyPublishedPortIsOnTheLoopbackAddressAlone() throws IOException {
        JsonNode services = new ObjectMapper(new YAMLFactory())
                .readTree(REPO.resolve("docker-compose.yml").toFile())
                .path("services");
        List<String> published = new ArrayList<>();
        services.fields()
                .forEachRemaining(service -> service.getValue()
                        .path("ports")
                        .forEach(port -> published.add(service.getKey() + " " + port.asText())));
        assertThat(published)
                .as("ports the compose services publish on this machine (the web UI among them)")
                .contains("jobmanager 127.0.0.1:8081:8081")
                .allMatch(port -> port.split(" ")[1].startsWith("127.0.0.1:"));
    }

    @Test
    void everyImageIsPinnedToAnExactVersionButTheUpstreamGenerator() throws IOException {
        Map<String, String> stages = stages();
        for (String base : stages.values()) {
            if (!stages.containsKey(base) && !base.startsWith("jars-from-") && !base.equals("scratch")) {
                assertThat(base).as("Dockerfile base image").matches(PINNED);
            }
        }
        JsonNode compose = new ObjectMapper(new YAMLFactory())
                .readTree(REPO.resolve("docker-compose.yml").toFile());
        Map<String, String> images = new java.util.LinkedHashMap<>();
        compose.path("services").fields().forEachRemaining(service -> {
            boolean builtHere = service.getValue().has("build");
            if (!builtHere && !service.getKey().equals("data-generator")) {
                images.put(service.getKey(), imageOf(compose, service.getValue()));
            }
        });
        assertThat(images).as("images compose pulls").isNotEmpty();
        images.forEach(
                (service, image) -> assertThat(image).as("image of %s", service).matches(PINNED));
        // The job's image is built on the Flink image the cluster runs, or the job would be submitted with scripts
        // and a jar made for a different Flink than the one it meets.
        String flinkBase = stages.get("job");
        assertThat(images.get("jobmanager")).isEqualTo(flinkBase);
        assertThat(images.get("taskmanager")).isEqualTo(flinkBase);
    }

    /**
     * A service's image; the JobManager and TaskManager take theirs from the x-flink-service block through a YAML
     * merge key, which Jackson does not resolve.
     */
    private static String imageOf(JsonNode compose, JsonNode service) {
        if (service.has("image")) {
            return service.path("image").asText();
        }
        assertThat(service.has("<<"))
                .as("a service without an image merges one in: %s", service)
                .isTrue();
        return compose.path("x-flink-service").path("image").asText();
    }

    /** Stage name (or, for unnamed stages, the base image) to its base. */
    private static Map<String, String> stages() throws IOException {
        Map<String, String> stages = new java.util.LinkedHashMap<>();
        for (Instruction from : instructions("FROM")) {
            Matcher m = FROM.matcher("FROM " + String.join(" ", from.arguments()));
            assertThat(m.matches()).as("FROM %s", from.arguments()).isTrue();
            stages.put(m.group(2) != null ? m.group(2) : m.group(1), m.group(1));
        }
        return stages;
    }

    private static List<Instruction> instructions(String keyword) throws IOException {
        String text = Files.readString(REPO.resolve("Dockerfile")).replaceAll("\\\\\\n", " ");
        List<Instruction> found = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] words = trimmed.split("\\s+");
            if (words[0].equalsIgnoreCase(keyword)) {
                found.add(new Instruction(keyword, Arrays.asList(words).subList(1, words.length)));
            }
        }
        return found;
    }

    /** .dockerignore excludes everything ("*") and lets through what it lists with "!". */
    private static List<String> dockerignoreAllowList() throws IOException {
        List<String> lines = Files.readAllLines(REPO.resolve(".dockerignore")).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        assertThat(lines.get(0))
                .as(".dockerignore starts by excluding everything")
                .isEqualTo("*");
        assertThat(lines.subList(1, lines.size()))
                .as("the rest lets files through")
                .allMatch(l -> l.startsWith("!"));
        return lines.subList(1, lines.size()).stream().map(l -> l.substring(1)).toList();
    }
}
