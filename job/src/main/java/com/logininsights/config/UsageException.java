package com.logininsights.config;

/** A bad command line: the message names the flag and what is wrong with it. */
public final class UsageException extends IllegalArgumentException {
    public UsageException(String message) {
        super(message);
    }
}
