package com.logininsights.tools.cli;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every command of the tools reads its flags and ends, so that they all behave alike: picocli with the same
 * converters, one line per bad flag that names it, and the same exit codes.
 *
 * <p>A command is a picocli {@code @Command} that implements {@code Callable<Integer>} (its exit code), or holds
 * subcommands that do. It may throw {@link UsageException} for flags that do not fit together.
 */
public final class Cli {
    /** The command did what was asked; also for {@code --help}. */
    public static final int DONE = 0;
    /** Something outside the command failed: a broker that does not answer, a record not delivered, a bad file. */
    public static final int FAILED = 1;
    /** A flag is unknown, lacks its value, or has a value the command cannot use. */
    public static final int BAD_FLAG = 2;

    private static final int USAGE_WIDTH = 110;

    private Cli() {}

    /** Parses the flags into the command, runs it, and returns the exit code; never throws. */
    public static int execute(Object command, String... args) {
        return commandLine(command).execute(args);
    }

    /** Parses only: the command with its flags set, or the message a user would see. */
    public static <T> T parse(T command, String... args) throws UsageException {
        try {
            commandLine(command).parseArgs(args);
            return command;
        } catch (ParameterException e) {
            throw new UsageException(message(e));
        }
    }

    /** What {@code --help} prints. */
    public static String usage(Object command) {
        return commandLine(command).getUsageMessage();
    }

    static CommandLine commandLine(Object command) {
        CommandLine cli = new CommandLine(command);
        cli.registerConverter(Duration.class, new DurationConverter());
        cli.setUsageHelpWidth(USAGE_WIDTH);
        cli.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        cli.setParameterExceptionHandler((e, args) -> badFlag(e.getCommandLine(), message(e)));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UsageException) {
                return badFlag(commandLine, e.getMessage());
            }
            commandLine.getErr().println(name(commandLine) + ": " + e);
            return FAILED;
        });
        return cli;
    }

    private static int badFlag(CommandLine commandLine, String message) {
        commandLine.getErr().println(name(commandLine) + ": " + message);
        commandLine.getErr().println("Run with --help to list every flag.");
        return BAD_FLAG;
    }

    /** The last word of the command's name: {@code scripts/playground} says {@code playground: ...}. */
    private static String name(CommandLine commandLine) {
        String name = commandLine.getCommandSpec().qualifiedName(" ");
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** Picocli's reason in the words the tools use: the flag first, then what is wrong with it. */
    static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched) {
            return unmatched(unmatched);
        }
        if (e instanceof MissingParameterException missing
                && missing.getMissing().size() == 1
                && missing.getMissing().get(0) instanceof OptionSpec option) {
            // Picocli says "Missing required option" for a flag not given at all, else its value is missing.
            return e.getMessage().startsWith("Missing required option")
                    ? option.longestName() + " is required (" + option.paramLabel() + ")"
                    : option.longestName() + " needs a value (" + option.paramLabel() + ")";
        }
        if (e instanceof OverwrittenOptionException overwritten
                && overwritten.getOverwritten() instanceof OptionSpec option) {
            return option.longestName() + " is given more than once";
        }
        if (e.getArgSpec() instanceof OptionSpec option) {
            if (e.getCause() instanceof TypeConversionException conversion) {
                return option.longestName() + ": " + conversion.getMessage();
            }
            if (e.getCause() != null) {
                return option.longestName() + ": '" + e.getValue() + "' is not a valid " + option.paramLabel();
            }
        }
        return e.getMessage();
    }

    private static String unmatched(UnmatchedArgumentException e) {
        List<String> args = e.getUnmatched();
        String first = args.isEmpty() ? "" : args.get(0);
        if (!e.isUnknownOption()) {
            return "unexpected argument '" + first + "': every value follows its flag";
        }
        List<String> suggestions = e.getSuggestions();
        return "unknown flag " + first + (suggestions.isEmpty() ? "" : " (did you mean " + suggestions.get(0) + "?)");
    }
}
