package com.logininsights.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.tools.bench.BenchFlags;
import com.logininsights.tools.generator.GeneratorFlags;
import com.logininsights.tools.liveview.LiveViewFlags;
import com.logininsights.tools.playground.PlaygroundFlags;
import com.logininsights.tools.replay.ReplayDeadLetters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The tools' flag tables (in docs/, which the README links) are documentation people copy from: each lists exactly
 * the flags its command knows, and where a flag has a default value, the same one.
 */
class ReadmeToolFlagsTest {

    @Test
    void theGeneratorsTableMatchesItsFlags() throws Exception {
        assertThat(tables("docs/tools.md", "## The data generator"))
                .anySatisfy(table -> assertDocuments(table, new CommandLine(new GeneratorFlags()).getCommandSpec()));
    }

    @Test
    void thePlaygroundsTableMatchesItsFlags() throws Exception {
        assertThat(tables("docs/running-locally.md", "## The playground"))
                .anySatisfy(table -> assertDocuments(table, new CommandLine(new PlaygroundFlags()).getCommandSpec()));
    }

    @Test
    void theLiveViewsTableMatchesItsFlags() throws Exception {
        assertThat(tables("docs/tools.md", "## The live view"))
                .anySatisfy(table -> assertDocuments(table, new CommandLine(new LiveViewFlags()).getCommandSpec()));
    }

    @Test
    void theBenchmarksTableMatchesItsFlags() throws Exception {
        assertThat(tables("docs/performance.md", "## The benchmark"))
                .anySatisfy(table -> assertDocuments(table, new CommandLine(new BenchFlags()).getCommandSpec()));
    }

    @Test
    void theReplayTableMatchesTheFlagsOfBothCommands() throws Exception {
        Map<String, CommandLine> commands = new CommandLine(new ReplayDeadLetters()).getSubcommands();
        Map<String, Row> table =
                tables("docs/tools.md", "## Replaying dead letters").get(0);

        for (String command : List.of("export", "produce")) {
            Map<String, Row> rows = new LinkedHashMap<>(table);
            rows.values()
                    .removeIf(row ->
                            !row.command().equals(command) && !row.command().equals("both"));
            assertDocuments(rows, commands.get(command).getCommandSpec());
        }
    }

    /** A flag's row: its command column (the replay table only) and its default column, without backticks. */
    record Row(String command, String defaultText) {}

    /** The table lists exactly the command's flags but --help, each default value as the command has it. */
    private static void assertDocuments(Map<String, Row> table, CommandSpec spec) {
        List<String> flags = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (option.usageHelp()) {
                continue;
            }
            flags.add(option.longestName());
            if (option.defaultValue() != null) {
                assertThat(table.get(option.longestName()))
                        .as("%s %s", spec.name(), option.longestName())
                        .extracting(Row::defaultText)
                        .isEqualTo(option.defaultValue());
            }
        }
        assertThat(table.keySet()).as(spec.name()).containsExactlyInAnyOrderElementsOf(flags);
    }

    /** The flag tables of one section of a page (a path from the repository's root), each as flag to row. */
    private static List<Map<String, Row>> tables(String page, String heading) throws Exception {
        List<Map<String, Row>> tables = new ArrayList<>();
        Optional<Map<String, Row>> table = Optional.empty();
        boolean inSection = false;
        boolean withCommand = false;
        for (String line : Files.readAllLines(Path.of("..", page))) {
            if (line.startsWith("## ")) {
                inSection = line.equals(heading);
            }
            if (!inSection) {
                continue;
            }
            if (line.startsWith("| flag |")) {
                withCommand = line.startsWith("| flag | command |");
                table = Optional.of(new LinkedHashMap<>());
                tables.add(table.get());
            } else if (line.startsWith("| `--") && table.isPresent()) {
                String[] cells = line.split("\\|");
                String flag = cells[1].trim().replace("`", "");
                String command = withCommand ? cells[2].trim() : "";
                String defaultText = cells[withCommand ? 3 : 2].trim().replace("`", "");
                table.get().put(flag, new Row(command, defaultText));
            } else if (!line.startsWith("|")) {
                table = Optional.empty();
            }
        }
        assertThat(tables).as("flag tables under %s in %s", heading, page).isNotEmpty();
        return tables;
    }
}
