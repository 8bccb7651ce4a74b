package com.logininsights.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The command line of the job: its {@code --help} and the list of its flags, around the flags {@link JobConfig}
 * declares, so that parsing, {@code --help} and the README's table (checked by a test) cannot drift apart.
 */
public final class JobFlags {
    /** One flag as {@code --help} and the README show it. */
    public record Flag(String name, String defaultValue) {}

    private JobFlags() {}

    /** Parses a command line; throws {@link UsageException} naming the first bad flag. */
    public static JobConfig parse(String[] args) {
        return parse(args, System.getenv());
    }

    /** As {@link #parse(String[])}, with the environment variables given ({@link KafkaClientProperties}). */
    public static JobConfig parse(String[] args, Map<String, String> environment) {
        return JobConfig.parse(args, environment);
    }

    /**
     * The Kafka settings given with {@code --kafka-property} that Kafka holds secret, and that the process list
     * shows there.
     */
    public static Set<String> secretsOnCommandLine(String[] args) {
        JobConfig flags = new JobConfig();
        try {
            new CommandLine(flags).setOverwrittenOptionsAllowed(true).parseArgs(args);
        } catch (ParameterException e) {
            return Set.of(); // parse() says what is wrong
        }
        return KafkaClientProperties.secretNames(
                flags.kafkaPropertyFlags().keySet().stream().map(String::trim).toList());
    }

    public static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    public static String usage() {
        return new CommandLine(new Usage()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** Every flag with its default, in the order of {@code --help}. */
    public static List<Flag> flags() {
        List<Flag> flags = new ArrayList<>();
        for (OptionSpec option : new CommandLine(new Usage()).getCommandSpec().options()) {
            if (!option.usageHelp()) {
                flags.add(new Flag(option.longestName(), JobConfig.defaultInHelp(option)));
            }
        }
        return flags;
    }

    @Command(
            name = "login-insights",
            sortOptions = false,
            usageHelpWidth = 120,
            customSynopsis = "java -jar login-insights-local.jar [flags]   (or submit login-insights.jar to a Flink"
                    + " cluster with the same flags)",
            description = "user-login events in Kafka to enriched events, dead letters and insights, exactly once.%n",
            optionListHeading = "Flags:%n",
            footer = {
                "%nDurations are written like 500ms, 10s, 1m or 2h. A bad flag exits with code 2.",
                "Kafka client settings come from --kafka-properties-file, then environment variables named",
                KafkaClientProperties.ENVIRONMENT_PREFIX + "<KEY> (" + KafkaClientProperties.ENVIRONMENT_PREFIX
                        + "SASL_JAAS_CONFIG is sasl.jaas.config), then --kafka-property, later ones winning.",
                "Keep passwords out of --kafka-property: a command line shows in the process list and in logs."
            })
    static final class Usage {
        @Mixin
        JobConfig flags = new JobConfig();
    }
}
