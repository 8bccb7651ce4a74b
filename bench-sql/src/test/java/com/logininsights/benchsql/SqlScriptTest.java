package com.logininsights.benchsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void statementsEndAtSemicolonsOutsideStringsAndLoseTheirComments() {
        SqlScript script = new SqlScript("""
                -- a comment; with a semicolon
                CREATE TABLE t (a STRING) WITH ('x' = 'a;b'); -- trailing
                CREATE VIEW v AS SELECT a FROM t
                WHERE a <> 'it''s; --not a comment';
                """);

        assertThat(script.statements())
                .containsExactly(
                        "CREATE TABLE t (a STRING) WITH ('x' = 'a;b')",
                        "CREATE VIEW v AS SELECT a FROM t\nWHERE a <> 'it''s; --not a comment'");
    }

    @Test
    void aStatementSetIsOneStatementWithItsInserts() {
        SqlScript script = new SqlScript("""
                CREATE TABLE t (a STRING);
                EXECUTE STATEMENT SET
                BEGIN
                    INSERT INTO x SELECT * FROM legend;
                    -- the second one
                    INSERT INTO y SELECT * FROM t;
                END;
                """);

        assertThat(script.statements()).hasSize(2);
        assertThat(script.statements().get(1))
                .startsWith("EXECUTE STATEMENT SET\nBEGIN\n    INSERT INTO x SELECT * FROM legend;")
                .contains("INSERT INTO y SELECT * FROM t;")
                .endsWith("END")
                .doesNotContain("the second one");
    }

    @Test
    void placeholdersAreFilledAsStringLiteralsAndAMissingOneIsNamed() {
        SqlScript script = new SqlScript("CREATE TABLE t WITH ('topic' = '${input.topic}', 'g' = '${group.id}');");

        assertThat(script.fill(Map.of("input.topic", "in", "group.id", "o'brien"))
                        .statements())
                .containsExactly("CREATE TABLE t WITH ('topic' = 'in', 'g' = 'o''brien')");
        assertThatThrownBy(() -> script.fill(Map.of("input.topic", "in"))).hasMessageContaining("${group.id}");
    }

    @Test
    void aScriptThatEndsInsideAStatementIsRefused() {
        assertThatThrownBy(() -> new SqlScript("CREATE TABLE t (a STRING)").statements())
                .hasMessageContaining("ends inside a statement");
        assertThatThrownBy(() -> new SqlScript("EXECUTE STATEMENT SET BEGIN INSERT INTO x SELECT 1;").statements())
                .hasMessageContaining("ends inside a statement");
    }

    @Test
    void thePeersScriptHasEveryPlaceholderFilledAndOneStatementSetAtTheEnd() throws Exception {
        var statements = SqlScript.resource(FlinkSqlPeer.SCRIPT)
                .fill(Map.of(
                        "bootstrap.servers", "b:1",
                        "input.topic", "in",
                        "processed.topic", "out",
                        "insights.topic", "ins",
                        "group.id", "g"))
                .statements();

        assertThat(statements).noneMatch(s -> s.contains("${"));
        assertThat(statements.get(statements.size() - 1)).startsWith("EXECUTE STATEMENT SET");
        assertThat(statements.subList(0, statements.size() - 1)).allMatch(s -> s.startsWith("CREATE "));
    }
}
