package com.logininsights.tools.playground;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A run configuration committed for an IDE (IntelliJ IDEA's {@code .run/}, VS Code's {@code .vscode/launch.json}), as
 * the IDE reads it: the class it runs, from which module, with which VM options and program arguments, in the
 * repository's root.
 */
public record IdeRunConfiguration(
        String ide, String mainClass, String module, List<String> vmOptions, List<String> programArguments) {

    static final String INTELLIJ_FILE = ".run/login-insights.run.xml";
    static final String VS_CODE_FILE = ".vscode/launch.json";

    /** Both committed configurations. */
    public static List<IdeRunConfiguration> committed(Path repository) throws IOException {
        return List.of(intellij(repository), vsCode(repository));
    }

    /** IntelliJ IDEA's: an Application configuration whose parameters are strings split at white space. */
    public static IdeRunConfiguration intellij(Path repository) throws IOException {
        Path file = repository.resolve(INTELLIJ_FILE);
        Document document;
        try {
            document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(file + " is not a run configuration: " + e.getMessage(), e);
        }
        Element configuration =
                (Element) document.getElementsByTagName("configuration").item(0);
        String module = ((Element) configuration.getElementsByTagName("module").item(0)).getAttribute("name");
        return new IdeRunConfiguration(
                "IntelliJ IDEA",
                option(configuration, "MAIN_CLASS_NAME"),
                module,
                words(option(configuration, "VM_PARAMETERS")),
                words(option(configuration, "PROGRAM_PARAMETERS")));
    }

    /** VS Code's (the Java debugger's launch.json, with comments): arguments as arrays. */
    public static IdeRunConfiguration vsCode(Path repository) throws IOException {
        JsonMapper json = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                .build();
        JsonNode launch = json.readTree(repository.resolve(VS_CODE_FILE).toFile())
                .path("configurations")
                .path(0);
        return new IdeRunConfiguration(
                "VS Code",
                launch.path("mainClass").asText(),
                launch.path("projectName").asText(),
                strings(launch.path("vmArgs")),
                strings(launch.path("args")));
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
