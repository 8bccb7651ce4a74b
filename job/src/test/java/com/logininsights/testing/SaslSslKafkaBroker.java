package com.logininsights.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.scram.ScramLoginModule;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.api.TestKitDefaults;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test broker as a production broker is secured: besides the test kit's own PLAINTEXT listener it has one that
 * requires TLS and a SCRAM-SHA-512 login ({@code SASL_SSL}), with a certificate made for the test, and one user whose
 * password is new on every run. {@link #bootstrapServers()} and the test's own clients (admin, producer, readers) use
 * the secure listener; only the user is created over the PLAINTEXT one, as an operator would over an internal
 * listener.
 */
public final class SaslSslKafkaBroker extends KafkaBroker {
    public static final String USERNAME = "login-insights";
    private static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_512;
    private static final String LISTENER = "SECURE";
    private static final Duration LOGIN_PATIENCE = Duration.ofSeconds(30);

    private final String password = randomSecret();
    private final String truststorePassword = randomSecret();
    private Path folder;
    private SelfSignedCertificate certificate;

    @Override
    protected void configure(KafkaClusterTestKit.Builder builder) throws Exception {
        folder = Files.createTempDirectory("sasl-ssl-broker");
        certificate = SelfSignedCertificate.make(folder, randomSecret(), truststorePassword);
        String plain = TestKitDefaults.DEFAULT_BROKER_LISTENER_NAME;
        String controller = TestKitDefaults.DEFAULT_CONTROLLER_LISTENER_NAME;
        String secure = "listener.name." + LISTENER.toLowerCase(Locale.ROOT) + ".";
        builder.setConfigProp(
                        "listeners",
                        plain + "://localhost:0," + controller + "://localhost:0," + LISTENER + "://127.0.0.1:0")
                .setConfigProp(
                        "listener.security.protocol.map",
                        plain + ":PLAINTEXT," + controller + ":PLAINTEXT," + LISTENER + ":SASL_SSL")
                .setConfigProp(secure + "sasl.enabled.mechanisms", MECHANISM.mechanismName())
                .setConfigProp(
                        secure + MECHANISM.mechanismName().toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                        ScramLoginModule.class.getName() + " required;")
                .setConfigProp(secure + "ssl.keystore.type", "PKCS12")
                .setConfigProp(
                        secure + "ssl.keystore.location", certificate.keystore().toString())
                .setConfigProp(secure + "ssl.keystore.password", certificate.keystorePassword());
    }

    /** Creates the user over the PLAINTEXT listener, then waits until it can log in over the secure one. */
    @Override
    protected void started() throws Exception {
        Properties internal = new Properties();
        internal.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster().bootstrapServers());
        try (Admin admin = Admin.create(internal)) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                            USERNAME, new ScramCredentialInfo(MECHANISM, 4096), password)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        // The credential reaches the broker through the metadata log, a moment after the controller accepts it.
        long deadline = System.nanoTime() + LOGIN_PATIENCE.toNanos();
        while (true) {
            try (Admin admin = admin()) {
                admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof SaslAuthenticationException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            super.afterAll(context);
        } finally {
            if (folder != null) {
                try (Stream<Path> files = Files.walk(folder)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    /** The SASL_SSL listener, on 127.0.0.1. */
    @Override
    public String bootstrapServers() {
        int port = cluster().brokers().values().iterator().next().boundPort(ListenerName.normalised(LISTENER));
        return "127.0.0.1:" + port;
    }

    @Override
    protected Properties clientProperties() {
        Properties properties = super.clientProperties();
        properties.putAll(clientSecurity());
        return properties;
    }

    /** Every Kafka client setting a client needs, besides the address, to reach the secure listener. */
    public Map<String, String> clientSecurity() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("security.protocol", "SASL_SSL");
        settings.put("sasl.mechanism", MECHANISM.mechanismName());
        settings.put("sasl.jaas.config", jaasConfig());
        settings.put("ssl.truststore.type", "PKCS12");
        settings.put("ssl.truststore.location", certificate.truststore().toString());
        settings.put("ssl.truststore.password", truststorePassword);
        return settings;
    }

    /** The {@code sasl.jaas.config} of the user: its name and password. */
    public String jaasConfig() {
        return ScramLoginModule.class.getName() + " required username=\"" + USERNAME + "\" password=\"" + password
                + "\";";
    }

    public String password() {
        return password;
    }

    public String truststorePassword() {
        return truststorePassword;
    }

    /** Letters and digits only, so that JSON or a log quotes it unchanged and a search for it cannot miss it. */
    private static String randomSecret() {
        return "secret" + UUID.randomUUID().toString().replace("-", "");
    }
}
