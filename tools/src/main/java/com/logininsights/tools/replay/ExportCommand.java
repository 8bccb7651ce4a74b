package com.logininsights.tools.replay;

import com.logininsights.tools.KafkaClientOptions;
import com.logininsights.tools.KafkaLogs;
import com.logininsights.tools.cli.Cli;
import com.logininsights.tools.cli.HelpOption;
import com.logininsights.tools.cli.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Dead letters to a file, one decoded JSON object per line with its source position, to read and fix. */
@Command(
        name = "export",
        customSynopsis = "scripts/replay-dead-letters export --out FILE [flags]",
        description = {
            "Writes the selected dead letters to FILE, one JSON object per line: reason, message, field, source"
                    + " position, key and payload (text, or base64 when not UTF-8). Fix payloads there, delete lines"
                    + " not to replay, then: scripts/replay-dead-letters produce --from-file FILE",
            ""
        },
        sortOptions = false)
final class ExportCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            required = true,
            description = "the file to write; it must not exist yet (a fixed file is never overwritten)")
    Path out;

    @Mixin
    SelectionOptions selection;

    @Mixin
    KafkaClientOptions kafka;

    @Override
    public Integer call() throws UsageException {
        ReplayFilter filter = selection.filter();
        if (Files.exists(out)) {
            throw new UsageException("--out: " + out + " exists; move it away or choose another name");
        }
        KafkaLogs.onlyErrors();
        PrintWriter screen = spec.commandLine().getOut();
        ReplaySummary summary =
                new ReplaySummary(selection.deadLetterTopic + " on " + kafka.bootstrapServers(), filter);
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.consumer();
                ExportFile file = ExportFile.create(out)) {
            new DeadLetterTopic(
                            consumer,
                            kafka.bootstrapServers(),
                            selection.deadLetterTopic,
                            kafka.connectTimeout(),
                            screen)
                    .readAll(new DeadLetterTopic.Reader() {
                        @Override
                        public void letter(DeadLetter letter) throws IOException {
                            if (summary.take(letter)) {
                                file.write(letter);
                            }
                        }

                        @Override
                        public void unreadable(String where, String why) {
                            summary.unreadable(where, why);
                        }
                    });
            file.complete();
        } catch (IOException e) {
            spec.commandLine().getErr().println("replay-dead-letters export: " + e.getMessage());
            return Cli.FAILED;
        }
        screen.print(summary.describe());
        screen.printf(Locale.ROOT, "Wrote %,d to %s, one per line.%n", summary.selected(), out);
        if (summary.selected() > 0) {
            screen.printf("Fix them there, then: scripts/replay-dead-letters produce --from-file %s%n", out);
        }
        screen.flush();
        return Cli.DONE;
    }
}
