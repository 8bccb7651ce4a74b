package com.logininsights.common.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A broker's key and self-signed certificate for localhost and 127.0.0.1, made with the JDK's keytool as a user
 * would: a PKCS12 keystore for the broker, and a PKCS12 truststore holding only the certificate, for its clients.
 * The passwords reach keytool through its environment, never its command line.
 */
public record SelfSignedCertificate(
        Path keystore, String keystorePassword, Path truststore, String truststorePassword) {
    private static final String KEYSTORE_PASSWORD = "KEYSTORE_PASSWORD";
    private static final String TRUSTSTORE_PASSWORD = "TRUSTSTORE_PASSWORD";

    public static SelfSignedCertificate make(Path folder, String keystorePassword, String truststorePassword)
            throws IOException, InterruptedException {
        SelfSignedCertificate made = new SelfSignedCertificate(
                folder.resolve("broker.p12"), keystorePassword, folder.resolve("truststore.p12"), truststorePassword);
        Path certificate = folder.resolve("broker.pem");
        made.keytool(
                "-genkeypair",
                "-alias",
                "broker",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                made.keystore.toString(),
                "-storepass:env",
                KEYSTORE_PASSWORD);
        made.keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "broker",
                "-keystore",
                made.keystore.toString(),
                "-storepass:env",
                KEYSTORE_PASSWORD,
                "-file",
                certificate.toString());
        made.keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "broker",
                "-file",
                certificate.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                made.truststore.toString(),
                "-storepass:env",
                TRUSTSTORE_PASSWORD);
        return made;
    }

    private void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(KEYSTORE_PASSWORD, keystorePassword);
        builder.environment().put(TRUSTSTORE_PASSWORD, truststorePassword);
        Process keytool = builder.start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(1, TimeUnit.MINUTES) || keytool.exitValue() != 0) {
            keytool.destroyForcibly();
            throw new IOException("keytool " + arguments[0] + " failed: " + output);
        }
    }
}
