package com.logininsights.tools.generator;

/** A flag the generator cannot use; its message names the flag and says what was expected. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
