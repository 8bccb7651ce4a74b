package com.logininsights.tools.replay;

import com.logininsights.common.Topics;
import com.logininsights.common.kafka.CommittedReader;
import com.logininsights.tools.KafkaClientOptions;
import com.logininsights.tools.KafkaLogs;
import com.logininsights.tools.cli.Cli;
import com.logininsights.tools.cli.Converters;
import com.logininsights.tools.cli.HelpOption;
import com.logininsights.tools.cli.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Records back to the input topic: from an export file, or straight from the dead-letter topic. */
@Command(
        name = "produce",
        customSynopsis = "scripts/replay-dead-letters produce [--from-file FILE] [--dry-run] [flags]",
        description = {
            "Produces the selected records to the input topic: each rejected record's key and value as they were"
                    + " (or as fixed in the file), written now, with a header login-insights-replay-of naming the"
                    + " record it replays. Without --from-file, reads the dead-letter topic.",
            ""
        },
        sortOptions = false)
final class ProduceCommand implements Callable<Integer> {
    private static final int SHOWN_CHARACTERS = 300;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--from-file",
            paramLabel = "FILE",
            description = "a file written by export (and fixed by hand) instead of the dead-letter topic")
    Path fromFile;

    @Option(
            names = "--input-topic",
            paramLabel = "NAME",
            defaultValue = Topics.INPUT,
            converter = Converters.TopicName.class,
            description = "the topic to produce to: the job's input (default: ${DEFAULT-VALUE})")
    String inputTopic;

    @Option(names = "--dry-run", description = "print what would be sent, and send nothing")
    boolean dryRun;

    @Mixin
    SelectionOptions selection;

    @Mixin
    KafkaClientOptions kafka;

    /** Where each selected record goes: the input topic, or the screen in a dry run. */
    private interface Destination {
        void send(DeadLetter letter);
    }

    @Override
    public Integer call() throws UsageException {
        ReplayFilter filter = selection.filter();
        if (fromFile != null && !Files.isRegularFile(fromFile)) {
            throw new UsageException("--from-file: " + fromFile + " is not a file");
        }
        KafkaLogs.onlyErrors();
        PrintWriter screen = spec.commandLine().getOut();
        PrintWriter errors = spec.commandLine().getErr();
        List<DeadLetter> fileLetters = null;
        if (fromFile != null) {
            try {
                fileLetters = ExportFile.read(fromFile);
            } catch (ExportFile.BadFile | IOException e) {
                errors.println("replay-dead-letters produce: " + e.getMessage());
                return Cli.FAILED;
            }
        }
        String readFrom =
                fromFile != null ? fromFile.toString() : selection.deadLetterTopic + " on " + kafka.bootstrapServers();
        ReplaySummary summary = new ReplaySummary(readFrom, filter);
        InputTopic.Delivery delivery = null;
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.consumer()) {
            CommittedReader.partitionsOf(
                    consumer, kafka.bootstrapServers(), List.of(inputTopic), kafka.connectTimeout());
            if (dryRun) {
                replay(fileLetters, consumer, summary, letter -> screen.println(wouldSend(letter)), screen);
            } else {
                try (InputTopic input = inputTopic()) {
                    replay(fileLetters, consumer, summary, input::send, screen);
                    delivery = input.finish();
                }
            }
        } catch (IOException e) {
            errors.println("replay-dead-letters produce: " + e.getMessage());
            return Cli.FAILED;
        }
        screen.print(summary.describe());
        if (delivery == null) {
            screen.printf(
                    Locale.ROOT,
                    "Dry run: would send %,d records to %s; sent nothing.%n",
                    summary.selected(),
                    inputTopic);
            screen.flush();
            return Cli.DONE;
        }
        screen.printf(
                Locale.ROOT,
                "Sent %,d records to %s, keys as they were, each with a %s header naming its source.%n",
                delivery.sent(),
                inputTopic,
                InputTopic.REPLAY_OF_HEADER);
        screen.flush();
        if (delivery.failed() > 0) {
            errors.printf(
                    Locale.ROOT,
                    "replay-dead-letters produce: %,d records were not delivered; the first failure: %s%n",
                    delivery.failed(),
                    delivery.firstFailure());
            return Cli.FAILED;
        }
        return Cli.DONE;
    }

    /** The producer to the input topic; settings the client rejects are a bad flag. */
    private InputTopic inputTopic() throws UsageException {
        Map<String, String> settings = kafka.properties();
        try {
            return new InputTopic(kafka.bootstrapServers(), settings, inputTopic, kafka.connectTimeout());
        } catch (KafkaException e) {
            throw new UsageException("--kafka-property: the Kafka producer rejects its settings: " + e.getMessage());
        }
    }

    private void replay(
            List<DeadLetter> fileLetters,
            KafkaConsumer<byte[], byte[]> consumer,
            ReplaySummary summary,
            Destination destination,
            PrintWriter screen)
            throws IOException {
        if (fileLetters != null) {
            for (DeadLetter letter : fileLetters) {
                if (summary.take(letter)) {
                    destination.send(letter);
                }
            }
            return;
        }
        new DeadLetterTopic(
                        consumer, kafka.bootstrapServers(), selection.deadLetterTopic, kafka.connectTimeout(), screen)
                .readAll(new DeadLetterTopic.Reader() {
                    @Override
                    public void letter(DeadLetter letter) {
                        if (summary.take(letter)) {
                            destination.send(letter);
                        }
                    }

                    @Override
                    public void unreadable(String where, String why) {
                        summary.unreadable(where, why);
                    }
                });
    }

    private String wouldSend(DeadLetter letter) {
        String payload = DeadLetterJson.describe(letter.payload());
        if (payload.length() > SHOWN_CHARACTERS) {
            int end = Character.isHighSurrogate(payload.charAt(SHOWN_CHARACTERS - 1))
                    ? SHOWN_CHARACTERS - 1
                    : SHOWN_CHARACTERS;
            payload = payload.substring(0, end) + "... (" + letter.payload().length + " bytes)";
        }
        return String.format(
                Locale.ROOT,
                "would send to %s: key %s, value %s   (replays %s, %s)",
                inputTopic,
                DeadLetterJson.describe(letter.key()),
                payload,
                letter.source().id(),
                letter.reason());
    }
}
