package com.logininsights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.logininsights.config.JobConfig;
import com.logininsights.config.JobFlags;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The IDE entrance works on the first try: the class the README tells a newcomer to run has a main, and the run
 * configurations committed for IntelliJ IDEA and VS Code run that class from this module, with the VM options the
 * build itself runs Flink with and flags the job's own parser accepts.
 */
class IdeRunConfigurationTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void theClassTheReadmeNamesHasAMain() throws Exception {
        Method main = Class.forName(readmeIdeClass()).getMethod("main", String[].class);

        assertThat(Modifier.isPublic(main.getModifiers()) && Modifier.isStatic(main.getModifiers()))
                .as("public static")
                .isTrue();
        assertThat(main.getReturnType()).isEqualTo(void.class);
    }

    @Test
    void intellijRunsThatClassWithFlagsTheJobAccepts() throws Exception {
        Element configuration = (Element) DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(ROOT.resolve(".run/login-insights.run.xml").toFile())
                .getElementsByTagName("configuration")
                .item(0);

        assertThat(configuration.getAttribute("type")).isEqualTo("Application");
        assertThat(((Element) configuration.getElementsByTagName("module").item(0)).getAttribute("name"))
                .isEqualTo(jobArtifactId());
        assertRunsTheJob(
                option(configuration, "MAIN_CLASS_NAME"),
                words(option(configuration, "VM_PARAMETERS")),
                words(option(configuration, "PROGRAM_PARAMETERS")));
        assertThat(option(configuration, "WORKING_DIRECTORY")).isEqualTo("$PROJECT_DIR$");
    }

    @Test
    void vsCodeRunsThatClassWithFlagsTheJobAccepts() throws Exception {
        JsonNode launch = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .build()
                .readTree(ROOT.resolve(".vscode/launch.json").toFile())
                .path("configurations")
                .path(0);

        assertThat(launch.path("type").asText()).isEqualTo("java");
        assertThat(launch.path("projectName").asText()).isEqualTo(jobArtifactId());
        assertRunsTheJob(
                launch.path("mainClass").asText(), strings(launch.path("vmArgs")), strings(launch.path("args")));
        assertThat(launch.path("cwd").asText()).isEqualTo("${workspaceFolder}");
    }

    private static void assertRunsTheJob(String mainClass, List<String> vmOptions, List<String> arguments)
            throws Exception {
        assertThat(mainClass).isEqualTo(readmeIdeClass());
        List<String> expectedVmOptions = new ArrayList<>(words(pomProperty("flink.add.opens")));
        expectedVmOptions.add("-Xmx1g");
        assertThat(vmOptions).isEqualTo(expectedVmOptions);

        JobConfig config = JobFlags.parse(arguments.toArray(String[]::new));

        assertThat(config.checkpointDir()).as("resumes after a restart").isPresent();
    }

    /** The first class named in the README's "From an IDE" section. */
    private static String readmeIdeClass() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int section = readme.indexOf("### From an IDE");
        assertThat(section).as("a \"From an IDE\" section in the README").isPositive();
        Matcher name = Pattern.compile("`(com\\.logininsights\\.[A-Za-z.]+)`").matcher(readme.substring(section));
        assertThat(name.find())
                .as("a class named in the README's \"From an IDE\"")
                .isTrue();
        return name.group(1);
    }

    private static String jobArtifactId() throws Exception {
        Matcher artifactId = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>")
                .matcher(Files.readString(ROOT.resolve("job/pom.xml")));
        assertThat(artifactId.find()).isTrue();
        return artifactId.group(1);
    }

    private static String pomProperty(String name) throws Exception {
        Matcher value = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(value.find()).as(name).isTrue();
        return value.group(1);
    }

    private static String option(Element configuration, String name) {
        NodeList options = configuration.getElementsByTagName("option");
        for (int i = 0; i < options.getLength(); i++) {
            Element option = (Element) options.item(i);
            if (option.getAttribute("name").equals(name)) {
                return option.getAttribute("value");
            }
        }
        return "";
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
