package com.logininsights.tools.liveview;

import com.logininsights.common.Topics;
import com.logininsights.tools.KafkaClientOptions;
import com.logininsights.tools.KafkaLogs;
import com.logininsights.tools.cli.Cli;
import com.logininsights.tools.cli.Converters;
import com.logininsights.tools.cli.DurationConverter;
import com.logininsights.tools.cli.HelpOption;
import com.logininsights.tools.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The live view on its own: each closed window in the terminal, from any broker the job writes to. */
@Command(
        name = "scripts/live-view",
        customSynopsis = "scripts/live-view [flags]",
        description = {
            "Follows the job's output topics (read_committed) and prints each window as it closes: logins, users,"
                    + " devices, top locales, the dead letters among the records that arrived during the window, and"
                    + " the alerts its logins raised, by signal.",
            "A window appears once the job has committed it, at its next checkpoint. Ctrl-C stops.",
            "Exit codes: 0 stopped, 1 the broker did not answer or a topic is missing (but the alerts topic, which"
                    + " is waited for), 2 a bad flag.",
            ""
        },
        sortOptions = false)
public final class LiveViewFlags implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Mixin
    KafkaClientOptions kafka;

    @Option(
            names = "--processed-topic",
            paramLabel = "NAME",
            defaultValue = Topics.PROCESSED,
            converter = Converters.TopicName.class,
            description = "the job's enriched events (default: ${DEFAULT-VALUE})")
    String processedTopic;

    @Option(
            names = "--dead-letter-topic",
            paramLabel = "NAME",
            defaultValue = Topics.DEAD_LETTERS,
            converter = Converters.TopicName.class,
            description = "the job's dead letters (default: ${DEFAULT-VALUE})")
    String deadLetterTopic;

    @Option(
            names = "--insights-topic",
            paramLabel = "NAME",
            defaultValue = Topics.INSIGHTS,
            converter = Converters.TopicName.class,
            description = "the job's window insights (default: ${DEFAULT-VALUE})")
    String insightsTopic;

    @Option(
            names = "--alerts-topic",
            paramLabel = "NAME",
            defaultValue = Topics.ALERTS,
            converter = Converters.TopicName.class,
            description = "the job's alerts; followed once it exists (default: ${DEFAULT-VALUE})")
    String alertsTopic;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            converter = DurationConverter.Positive.class,
            description = "stop by itself after this long (default: run until Ctrl-C)")
    Duration duration;

    static LiveViewFlags parse(String... args) throws UsageException {
        return Cli.parse(new LiveViewFlags(), args);
    }

    Topics topics() {
        return new Topics(Topics.DEFAULT.input(), processedTopic, deadLetterTopic, insightsTopic);
    }

    @Override
    public Integer call() throws UsageException {
        KafkaLogs.onlyErrors();
        PrintStream out = System.out;
        LiveView view;
        try {
            view = LiveView.open(
                    kafka.bootstrapServers(), kafka.properties(), topics(), alertsTopic, out, kafka.connectTimeout());
        } catch (ConfigException e) {
            throw new UsageException("--kafka-property: the Kafka consumer rejects its settings: " + e.getMessage());
        } catch (IOException e) {
            System.err.println("live-view: " + e.getMessage());
            return Cli.FAILED;
        }
        out.printf(
                "Following %s, %s, %s and %s on %s (read_committed).%n"
                        + "%sEach window appears once it has closed and the job has committed it. Ctrl-C stops.%n%n",
                insightsTopic,
                processedTopic,
                deadLetterTopic,
                alertsTopic,
                kafka.bootstrapServers(),
                view.followsAlerts()
                        ? ""
                        : "The alerts topic " + alertsTopic + " does not exist yet: it is followed once it does."
                                + System.lineSeparator());
        CountDownLatch finished = new CountDownLatch(1);
        Thread stopper = new Thread(
                () -> {
                    if (finished.getCount() > 0) {
                        view.stop();
                        awaitQuietly(finished);
                    }
                },
                "live-view-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            view.follow(Optional.ofNullable(duration));
        } finally {
            view.close();
            out.printf("%nStopped after %d windows.%n", view.summaries().size());
            out.flush();
            finished.countDown();
        }
        return Cli.DONE;
    }

    private static void awaitQuietly(CountDownLatch finished) {
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
