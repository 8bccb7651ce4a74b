package com.logininsights.tools.playground;

import com.logininsights.tools.cli.Cli;
import com.logininsights.tools.cli.Converters;
import com.logininsights.tools.cli.DurationConverter;
import com.logininsights.tools.cli.HelpOption;
import com.logininsights.tools.cli.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The playground's command line. */
@Command(
        name = "scripts/playground",
        customSynopsis = "scripts/playground [flags]",
        description = {
            "Starts a Kafka broker, our data generator and the login-insights job with the Flink web UI, and shows"
                    + " each closed window's insights here. Ctrl-C stops everything.",
            "Durations are written like 500ms, 10s or 1m. Exit codes: 0 stopped as asked, 1 a program failed, 2 a bad"
                    + " flag.",
            ""
        },
        sortOptions = false)
public final class PlaygroundFlags implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Option(
            names = "--window",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.Positive.class,
            description = "tumbling window of the insights (default: ${DEFAULT-VALUE})")
    Duration window;

    @Option(
            names = "--rate",
            paramLabel = "N|max",
            defaultValue = "50",
            converter = Rate.class,
            description = "records per second from the generator (default: ${DEFAULT-VALUE})")
    String rate;

    @Option(
            names = "--bad-share",
            paramLabel = "FRACTION",
            defaultValue = "0.03",
            converter = Converters.Share.class,
            description = "share of malformed records, 0 to 1 (default: ${DEFAULT-VALUE})")
    double badShare;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            converter = Converters.NonBlank.class,
            description = "use this running broker instead of starting one")
    String bootstrapServers;

    @Option(
            names = "--broker-port",
            paramLabel = "PORT",
            defaultValue = "29092",
            converter = Converters.Port.class,
            description = "port of the broker the playground starts (default: ${DEFAULT-VALUE})")
    int brokerPort;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = ".playground",
            description = "the broker's data and every log (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--fresh", description = "wipe the data folder first")
    boolean fresh;

    @Option(
            names = "--web-ui-port",
            paramLabel = "PORT",
            defaultValue = "8081",
            converter = Converters.Port.class,
            description = "Flink web UI (default: ${DEFAULT-VALUE})")
    int webUiPort;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = DurationConverter.Positive.class,
            description = "how often results are committed (default: ${DEFAULT-VALUE})")
    Duration checkpointInterval;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            converter = DurationConverter.Positive.class,
            description = "stop by itself after this long (default: run until Ctrl-C)")
    Duration duration;

    @Option(
            names = "--without-job",
            description = "start the broker, the topics and the generator but not the job, and print the flags to run"
                    + " it with from an IDE (com.logininsights.Main)")
    boolean withoutJob;

    public static PlaygroundConfig parse(String... args) throws UsageException {
        return Cli.parse(new PlaygroundFlags(), args).config();
    }

    @Override
    public Integer call() throws Exception {
        return Playground.runUntilStopped(config());
    }

    PlaygroundConfig config() {
        return new PlaygroundConfig(
                Optional.ofNullable(bootstrapServers),
                brokerPort,
                dataDir,
                fresh,
                window,
                checkpointInterval,
                rate,
                badShare,
                webUiPort,
                Optional.ofNullable(duration),
                withoutJob);
    }

    /** Passed on to the generator as written: a positive whole number, or {@code max}. */
    static final class Rate implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.equals("max")) {
                return value;
            }
            try {
                if (Integer.parseInt(value) > 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not a positive number or max");
        }
    }
}
