package com.logininsights.tools.replay;

import com.logininsights.tools.cli.Cli;
import com.logininsights.tools.cli.HelpOption;
import com.logininsights.tools.cli.UsageException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Replays the job's dead letters: to a file, to read and fix by hand, and from that file (or straight from the
 * dead-letter topic, after a fix in the job) back to the input topic.
 */
@Command(
        name = "scripts/replay-dead-letters",
        customSynopsis = "scripts/replay-dead-letters (export | produce) [flags]",
        description = {
            "Reads the job's dead letters (read_committed, up to the end of the topic when reading began), picks them"
                    + " by reason and time, decodes each payload and key, and either writes them to a file or produces"
                    + " them back to the input topic.",
            "",
            "  export --out FILE               dead letters to a file, one JSON object per line, to read and fix",
            "  produce --from-file FILE        that file's records back to the input topic",
            "  produce                         dead letters straight back to the input topic (after a fix in the job)",
            "",
            "Add --dry-run to produce to print what it would send and send nothing. Records keep their key. A"
                    + " too_large dead letter holds only the first bytes of its record: it is skipped and counted.",
            "Exit codes: 0 done, 1 a failure (the broker, a topic, the file, a send), 2 a bad flag.",
            "Run scripts/replay-dead-letters export --help (or produce --help) for the flags.",
            ""
        },
        subcommands = {ExportCommand.class, ProduceCommand.class})
public final class ReplayDeadLetters implements Callable<Integer> {
    @Mixin
    HelpOption help;

    public static void main(String[] args) {
        System.exit(Cli.execute(new ReplayDeadLetters(), args));
    }

    @Override
    public Integer call() throws UsageException {
        throw new UsageException("say what to do: export (dead letters to a file) or produce (to the input topic)");
    }
}
