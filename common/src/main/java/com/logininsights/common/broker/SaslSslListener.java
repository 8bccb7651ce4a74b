package com.logininsights.common.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.security.scram.ScramLoginModule;

/**
 * A listener as a production broker is secured: TLS with a certificate made for the run, and a SCRAM-SHA-512 login
 * ({@code SASL_SSL}). Its users have passwords that are new on every start. The users are created over the broker's
 * PLAINTEXT listener, as an operator would over an internal one.
 */
final class SaslSslListener {
    static final String NAME = "SECURE";
    static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_512;

    private final int port;
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private String truststorePassword;
    private SelfSignedCertificate certificate;

    SaslSslListener(int port, List<String> users) {
        this.port = port;
        users.forEach(user -> passwords.put(user, null));
    }

    int port() {
        return port;
    }

    List<String> users() {
        return List.copyOf(passwords.keySet());
    }

    /** A new certificate and new passwords, in {@code folder}; the broker's settings then refer to them. */
    void renewSecrets(Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        for (String file : List.of("broker.p12", "truststore.p12", "broker.pem")) {
            Files.deleteIfExists(folder.resolve(file));
        }
        truststorePassword = randomSecret();
        certificate = SelfSignedCertificate.make(folder, randomSecret(), truststorePassword);
        passwords.replaceAll((user, old) -> randomSecret());
    }

    /** The listener's own broker settings, under {@code listener.name.secure.}. */
    Map<String, String> serverProperties() {
        String prefix = "listener.name." + NAME.toLowerCase(Locale.ROOT) + ".";
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(prefix + "sasl.enabled.mechanisms", MECHANISM.mechanismName());
        settings.put(
                prefix + MECHANISM.mechanismName().toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                ScramLoginModule.class.getName() + " required;");
        settings.put(prefix + "ssl.keystore.type", "PKCS12");
        settings.put(prefix + "ssl.keystore.location", certificate.keystore().toString());
        settings.put(prefix + "ssl.keystore.password", certificate.keystorePassword());
        return settings;
    }

    /** Creates (or gives new passwords to) every user, through an admin of the PLAINTEXT listener. */
    void createUsers(Admin internal) throws ExecutionException, InterruptedException, TimeoutException {
        List<UserScramCredentialAlteration> upserts = new ArrayList<>();
        passwords.forEach((user, password) -> upserts.add(
                new UserScramCredentialUpsertion(user, new ScramCredentialInfo(MECHANISM, 4096), password)));
        internal.alterUserScramCredentials(upserts).all().get(30, TimeUnit.SECONDS);
    }

    /** Every Kafka client setting a client needs, besides the address, to log in as {@code user}. */
    Map<String, String> clientSecurity(String user) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("security.protocol", "SASL_SSL");
        settings.put("sasl.mechanism", MECHANISM.mechanismName());
        settings.put("sasl.jaas.config", jaasConfig(user));
        settings.put("ssl.truststore.type", "PKCS12");
        settings.put("ssl.truststore.location", certificate.truststore().toString());
        settings.put("ssl.truststore.password", truststorePassword);
        return settings;
    }

    /** The {@code sasl.jaas.config} of a user: its name and password. */
    String jaasConfig(String user) {
        return ScramLoginModule.class.getName() + " required username=\"" + user + "\" password=\"" + password(user)
                + "\";";
    }

    String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("the broker has no user '" + user + "' (users: " + users() + ")");
        }
        return password;
    }

    String truststorePassword() {
        return truststorePassword;
    }

    /** Letters and digits only, so that JSON or a log quotes it unchanged and a search for it cannot miss it. */
    private static String randomSecret() {
        return "secret" + UUID.randomUUID().toString().replace("-", "");
    }
}
