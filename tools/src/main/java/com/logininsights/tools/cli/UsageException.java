package com.logininsights.tools.cli;

/** A flag a command cannot use; its message names the flag and says what was expected. Exit code 2. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
