package com.logininsights.benchsql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL script as a user writes it for the SQL client: statements ending in {@code ;}, {@code --} comments, an
 * {@code EXECUTE STATEMENT SET BEGIN ... END;} block, and {@code ${name}} placeholders inside string literals.
 */
final class SqlScript {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z][a-z.]*)}");
    private static final String STATEMENT_SET = "EXECUTE STATEMENT SET";
    private static final Pattern ENDS_WITH_END = Pattern.compile("(?is).*\\bEND");

    private final String text;

    SqlScript(String text) {
        this.text = text;
    }

    static SqlScript resource(String name) throws IOException {
        try (InputStream in = SqlScript.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IOException("no resource " + name);
            }
            return new SqlScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * The script with every placeholder replaced by its value, quoted for a SQL string literal.
     *
     * @throws IllegalArgumentException for a placeholder without a value
     */
    SqlScript fill(Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for ${" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value.replace("'", "''")));
        }
        matcher.appendTail(filled);
        return new SqlScript(filled.toString());
    }

    /** The statements in order, without comments or their final {@code ;}; a statement set is one statement. */
    List<String> statements() {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inString = false;
        boolean inStatementSet = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                inString = !inString; // '' inside a literal toggles twice
            } else if (!inString && c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                current.append('\n');
                continue;
            } else if (!inString && c == ';') {
                String statement = current.toString().strip();
                if (statement.toUpperCase(Locale.ROOT).startsWith(STATEMENT_SET)) {
                    inStatementSet = true;
                }
                if (inStatementSet) {
                    current.append(';');
                    if (!ENDS_WITH_END.matcher(statement).matches()) {
                        continue;
                    }
                    statement = current.substring(0, current.length() - 1).strip();
                    inStatementSet = false;
                }
                if (!statement.isEmpty()) {
                    statements.add(statement);
                }
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (inString || inStatementSet || !current.toString().isBlank()) {
            throw new IllegalArgumentException(
                    "the script ends inside a statement: " + current.toString().strip());
        }
        return statements;
    }
}
