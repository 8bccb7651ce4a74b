package com.logininsights.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's flag table (its "Flags" section) is documentation people copy from: it must list exactly the job's
 * flags, with their defaults.
 */
class ReadmeFlagsTest {

    @Test
    void theReadmeFlagTableMatchesTheFlagsTheJobKnows() throws Exception {
        Map<String, String> documented = new LinkedHashMap<>();
        boolean inFlagsSection = false;
        for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
            if (line.startsWith("## ")) {
                inFlagsSection = line.equals("## Flags");
            }
            if (inFlagsSection && line.startsWith("| `--")) {
                String[] cells = line.split("\\|");
                documented.put(cells[1].trim().replace("`", ""), cells[2].trim().replace("`", ""));
            }
        }
        Map<String, String> actual = new LinkedHashMap<>();
        for (JobFlags.Flag flag : JobFlags.flags()) {
            actual.put(flag.name(), flag.defaultValue());
        }
        assertThat(documented).isEqualTo(actual);
    }
}
