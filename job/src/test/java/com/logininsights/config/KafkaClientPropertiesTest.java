package com.logininsights.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The principal an error names: what the settings tell of it, and never the password. */
class KafkaClientPropertiesTest {
    @Test
    void thePrincipalOfAPasswordLoginIsItsUserAndOfNoLoginAnonymous() {
        assertThat(principal(Map.of())).isEqualTo("User:ANONYMOUS");
        assertThat(principal(Map.of(
                        "security.protocol",
                        "SASL_SSL",
                        "sasl.mechanism",
                        "SCRAM-SHA-512",
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"login-insights\""
                                + " password=\"s3cret\";")))
                .isEqualTo("User:login-insights");
        assertThat(principal(Map.of(
                        "security.protocol",
                        "sasl_plaintext",
                        "sasl.mechanism",
                        "PLAIN",
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required password=s3cret"
                                + " username=app;")))
                .isEqualTo("User:app");
        assertThat(principal(Map.of("security.protocol", "SSL"))).isEqualTo("User:ANONYMOUS");
    }

    @Test
    void aCertificateKerberosOrOauthPrincipalIsTheBrokersToName() {
        assertThat(settings(Map.of("security.protocol", "SSL", "ssl.keystore.location", "/etc/keystore.p12"))
                        .principal())
                .isEmpty();
        assertThat(settings(Map.of(
                                "security.protocol",
                                "SASL_SSL",
                                "sasl.jaas.config",
                                "com.sun.security.auth.module.Krb5LoginModule required principal=\"job@EXAMPLE.COM\";"))
                        .principal())
                .isEmpty();
        assertThat(settings(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "OAUTHBEARER"))
                        .principal())
                .isEmpty();
    }

    private static String principal(Map<String, String> values) {
        return settings(values).principal().orElseThrow();
    }

    private static KafkaClientProperties settings(Map<String, String> values) {
        return KafkaClientProperties.gather(null, Map.of(), values);
    }
}
