package com.logininsights.config;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The secret key of {@code --pseudonymise}, read as the Kafka passwords are, from a file (a mounted secret) or an
 * environment variable, never from the command line. The key is the text there without surrounding white space, as
 * UTF-8 bytes. It travels to the sinks inside the job graph, like the Kafka client settings; {@link #toString()} never
 * shows it, and no error message quotes it.
 */
public final class PseudonymKey implements Serializable {
    public static final String ENVIRONMENT_VARIABLE = "LOGIN_INSIGHTS_PSEUDONYM_KEY";

    /** As many bytes as HMAC-SHA256's output: a shorter key makes guessing it easier than guessing its hashes. */
    public static final int MINIMUM_BYTES = 32;

    private final byte[] bytes;
    private final String source;

    private PseudonymKey(byte[] bytes, String source) {
        this.bytes = bytes;
        this.source = source;
    }

    /**
     * The key from {@code file} or, without one, from {@link #ENVIRONMENT_VARIABLE}; empty when neither has one.
     *
     * @throws UsageException for an unreadable file, a key in both places, or a key too short
     */
    static Optional<PseudonymKey> read(Path file, Map<String, String> environment) {
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (file != null && fromEnvironment != null) {
            throw new UsageException("the pseudonym key is in both --pseudonym-key-file and " + ENVIRONMENT_VARIABLE
                    + "; give it in one place");
        }
        if (file != null) {
            try {
                return Optional.of(of(Files.readString(file, StandardCharsets.UTF_8), "--pseudonym-key-file " + file));
            } catch (IOException e) {
                throw new UsageException("cannot read --pseudonym-key-file " + file + ": " + e);
            }
        }
        return fromEnvironment == null
                ? Optional.empty()
                : Optional.of(of(fromEnvironment, "the environment variable " + ENVIRONMENT_VARIABLE));
    }

    private static PseudonymKey of(String text, String source) {
        byte[] bytes = text.strip().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MINIMUM_BYTES) {
            throw new UsageException("the pseudonym key in " + source + " has " + bytes.length + " bytes; it needs at"
                    + " least " + MINIMUM_BYTES + " (openssl rand -base64 32 makes one)");
        }
        return new PseudonymKey(bytes, source);
    }

    /** The key's bytes, for the hash alone. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Where the key was read: a file's path or the variable's name, never the key. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "PseudonymKey[from " + source + "]";
    }
}
