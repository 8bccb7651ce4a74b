package com.logininsights.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.logininsights.config.JobFlags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/security.md's kafka-acls.sh lines for the job are the rights it needs, as RequiredRights declares them. */
class SecurityDocTest {
    private static final String PRINCIPAL = "User:<principal>";
    private static final String LINE = "kafka-acls.sh $ADMIN --add ";

    @Test
    void theDocumentedAclsAreExactlyTheRequiredRights() throws Exception {
        List<String> documented = Files.readAllLines(Path.of("..", "docs", "security.md")).stream()
                .filter(line -> line.startsWith(LINE + "--allow-principal " + PRINCIPAL + " "))
                .map(line -> line.substring(LINE.length()))
                .toList();
        List<String> required = RequiredRights.of(JobFlags.parse(new String[] {"--group-id", "<group-id>"})).stream()
                .map(right -> right.kafkaAclsArguments(PRINCIPAL))
                .toList();
        assertThat(documented).isEqualTo(required);
    }
}
