package com.logininsights.tools.cli;

import picocli.CommandLine.Option;

/** {@code --help} (and {@code -h}) for every command: the usage text comes from the command's annotations. */
public final class HelpOption {
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help")
    boolean help;
}
