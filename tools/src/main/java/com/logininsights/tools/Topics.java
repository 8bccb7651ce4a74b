package com.logininsights.tools;

/** The job's topics, with the names the job uses by default. */
public record Topics(String input, String processed, String deadLetters, String insights) {
    public static final Topics DEFAULT =
            new Topics("user-login", "user-login-processed", "user-login-dlq", "user-login-insights");
}
