package com.logininsights.common.broker;

import com.logininsights.common.Ports;
import com.logininsights.common.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process), run from the Kafka jars as a child
 * process and bound to 127.0.0.1: the playground's, the benchmark's, the soak's, and every test's that needs one.
 *
 * <p>A child process rather than a thread: the broker then has its own memory and log file, cannot fight its
 * caller's classpath, and stops by its PID. Its data lives in one folder, so it can be stopped and started again on
 * the same data and ports ({@link #stop}, {@link #startAgain}), as an operator restarts a broker: clients see the
 * same address go away and come back with every topic, committed offset and transaction it had.
 *
 * <p>Besides its PLAINTEXT listener it can have a {@code SASL_SSL} one ({@link Builder#saslSsl}) with users of its
 * own, and Kafka's {@code StandardAuthorizer} ({@link Builder#withAcls}), where only the PLAINTEXT listener (the
 * operator's) may do everything and each user only what an ACL allows.
 */
public final class LocalKafkaBroker implements AutoCloseable {
    /** The user {@link Builder#saslSsl()} creates, whose login {@link #clients()} uses. */
    public static final String USER = "login-insights";

    private static final Duration LOGIN_PATIENCE = Duration.ofSeconds(30);
    private static final String PORT_ADVICE = "stop what uses it, or choose another port";

    private final BrokerFolder folder;
    private final int port;
    private final SaslSslListener secure;
    private final boolean acls;
    private final Map<String, String> overrides;
    private final boolean deleteDataOnClose;
    private final Thread killOnExit;
    private final BrokerProcess process;

    private LocalKafkaBroker(Builder builder, int securePort) {
        this.folder = new BrokerFolder(builder.dataDir);
        this.port = builder.port;
        this.process = new BrokerProcess(folder, builder.classpath);
        this.secure = securePort < 0 ? null : new SaslSslListener(securePort, builder.users);
        this.acls = builder.acls;
        this.overrides = Map.copyOf(builder.overrides);
        this.deleteDataOnClose = builder.deleteDataOnClose;
        this.killOnExit = builder.stopWhenThisJvmExits ? new Thread(process::kill, "kill-kafka-broker") : null;
    }

    /** A broker whose configuration, log and data live in {@code dataDir}. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** A broker in a new temporary folder, deleted again when it closes, on free ports: a test's. */
    public static Builder inTemporaryFolder() throws IOException {
        return new Builder(Files.createTempDirectory("kafka-broker-")).deleteDataOnClose();
    }

    /** How the broker will run; {@link #build} makes it, {@link LocalKafkaBroker#start} starts it. */
    public static final class Builder {
        private final Path dataDir;
        private int port = -1;
        private String classpath = System.getProperty("java.class.path");
        private boolean saslSsl;
        private final List<String> users = new ArrayList<>(List.of(USER));
        private boolean acls;
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private boolean deleteDataOnClose;
        private boolean stopWhenThisJvmExits;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        /** The PLAINTEXT listener's port; the controller listens on the next one. Free ones if not given. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where the Kafka server classes are: this JVM's classpath unless given (a jar that has them, say). */
        public Builder kafkaClasspath(String classpath) {
            this.classpath = classpath;
            return this;
        }

        /**
         * Adds a {@code SASL_SSL} listener (TLS, SCRAM-SHA-512) with the user {@value #USER}, which
         * {@link LocalKafkaBroker#bootstrapServers()} and {@link LocalKafkaBroker#clients()} then use.
         */
        public Builder saslSsl() {
            saslSsl = true;
            return this;
        }

        /** More users of the {@code SASL_SSL} listener, for tests of what each may do. */
        public Builder users(String... names) {
            users.addAll(List.of(names));
            return this;
        }

        /**
         * Turns on Kafka's {@code StandardAuthorizer}: the PLAINTEXT listener's clients (the operator, {@link
         * LocalKafkaBroker#operator()}) may do everything, every other user only what ACLs allow.
         */
        public Builder withAcls() {
            acls = true;
            return this;
        }

        /** A broker setting of the test's own, over the defaults, such as {@code log.retention.ms}. */
        public Builder serverProperty(String name, String value) {
            overrides.put(name, value);
            return this;
        }

        /** Deletes the data folder when the broker closes: for a test's broker in a temporary folder. */
        public Builder deleteDataOnClose() {
            deleteDataOnClose = true;
            return this;
        }

        /** Kills the broker when this JVM exits without closing it, as a test's JVM may. */
        public Builder stopWhenThisJvmExits() {
            stopWhenThisJvmExits = true;
            return this;
        }

        public LocalKafkaBroker build() throws IOException {
            if (port < 0) {
                port = Ports.freePair();
            }
            if (!saslSsl && (users.size() > 1 || acls)) {
                throw new IllegalStateException("users and ACLs are for the SASL_SSL listener: call saslSsl() too");
            }
            return new LocalKafkaBroker(this, saslSsl ? Ports.freeOtherThan(port, port + 1) : -1);
        }
    }

    /**
     * Starts the broker (formatting its data folder the first time) and returns once it answers and its users can
     * log in, or throws with the reason and the end of its log.
     */
    public void start() throws IOException, InterruptedException {
        Ports.requireFree(port, "Kafka", PORT_ADVICE);
        Ports.requireFree(controllerPort(), "the Kafka controller", PORT_ADVICE);
        if (secure != null) {
            secure.renewSecrets(folder.tls());
        }
        folder.writeConfiguration(serverProperties());
        process.formatIfNew();
        if (killOnExit != null) {
            Runtime.getRuntime().addShutdownHook(killOnExit);
        }
        process.start(plaintextBootstrapServers());
        if (secure != null) {
            createUsers();
        }
    }

    /** Stops the broker cleanly (SIGTERM, as {@code kafka-server-stop.sh} does) and waits until it has exited. */
    public void stop() throws InterruptedException {
        process.stop();
    }

    /** Starts the stopped broker again on the same data folder, ports and users; returns once it answers. */
    public void startAgain() throws IOException, InterruptedException {
        if (process.isAlive()) {
            throw new IllegalStateException("the Kafka broker is still running (PID " + process.pid() + ")");
        }
        process.start(plaintextBootstrapServers());
    }

    /** Stops the broker: a clean shutdown first, a kill if it takes longer than 30 s. */
    @Override
    public void close() throws IOException {
        process.kill();
        if (killOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // shutting down already, or never started
            }
        }
        if (deleteDataOnClose) {
            folder.delete();
        }
    }

    public String name() {
        return "Kafka broker";
    }

    /** Where clients connect: the {@code SASL_SSL} listener if it has one, else the PLAINTEXT one. */
    public String bootstrapServers() {
        return secure != null ? "127.0.0.1:" + secure.port() : plaintextBootstrapServers();
    }

    /** The PLAINTEXT listener: the operator's, which may do everything. */
    public String plaintextBootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Clients of {@link #bootstrapServers()}: as {@value #USER} where the listener asks for a login. */
    public BrokerClients clients() {
        return secure != null ? clients(USER) : operator();
    }

    /** Clients of the {@code SASL_SSL} listener, logged in as {@code user}. */
    public BrokerClients clients(String user) {
        return new BrokerClients(bootstrapServers(), secure().clientSecurity(user));
    }

    /** Clients of the PLAINTEXT listener, the operator's: for users, ACLs and topics whatever the ACLs say. */
    public BrokerClients operator() {
        return new BrokerClients(plaintextBootstrapServers(), Map.of());
    }

    /** Every Kafka client setting, besides the address, that logs in as {@value #USER} on the secure listener. */
    public Map<String, String> clientSecurity() {
        return secure().clientSecurity(USER);
    }

    /** The {@code sasl.jaas.config} that logs in as {@code user}: its name and password. */
    public String jaasConfig(String user) {
        return secure().jaasConfig(user);
    }

    public String password(String user) {
        return secure().password(user);
    }

    /** The password of the truststore that holds the broker's certificate, for its clients. */
    public String truststorePassword() {
        return secure().truststorePassword();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public Path dataDir() {
        return folder.path();
    }

    public Path log() {
        return folder.log();
    }

    private int controllerPort() {
        return port + 1;
    }

    private SaslSslListener secure() {
        if (secure == null) {
            throw new IllegalStateException("this broker has no SASL_SSL listener: build it with saslSsl()");
        }
        return secure;
    }

    private Map<String, String> serverProperties() {
        Map<String, String> server = new LinkedHashMap<>();
        String listeners = "PLAINTEXT://127.0.0.1:" + port;
        String protocols = "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT";
        if (secure != null) {
            listeners += "," + SaslSslListener.NAME + "://127.0.0.1:" + secure.port();
            protocols += "," + SaslSslListener.NAME + ":SASL_SSL";
        }
        server.put("process.roles", "broker,controller");
        server.put("node.id", "1");
        server.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort());
        server.put("listeners", listeners + ",CONTROLLER://127.0.0.1:" + controllerPort());
        server.put("advertised.listeners", listeners);
        server.put("controller.listener.names", "CONTROLLER");
        server.put("inter.broker.listener.name", "PLAINTEXT");
        server.put("listener.security.protocol.map", protocols);
        server.put("log.dirs", folder.logDir().toString());
        // One broker: internal topics cannot have three replicas, and transactions need these at 1.
        server.put("offsets.topic.replication.factor", "1");
        server.put("transaction.state.log.replication.factor", "1");
        server.put("transaction.state.log.min.isr", "1");
        server.put("share.coordinator.state.topic.replication.factor", "1");
        server.put("share.coordinator.state.topic.min.isr", "1");
        server.put("group.initial.rebalance.delay.ms", "0");
        server.put("num.partitions", "3");
        // The generator's too_large records are 200 KiB, and a test's may be larger.
        server.put("message.max.bytes", String.valueOf(2 * 1024 * 1024));
        if (secure != null) {
            server.putAll(secure.serverProperties());
        }
        if (acls) {
            server.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            // The PLAINTEXT and controller listeners' clients: the operator and the broker itself.
            server.put("super.users", "User:ANONYMOUS");
        }
        server.putAll(overrides);
        return server;
    }

    /** Creates the users, then waits until the first can log in: the credential reaches the broker a moment later. */
    private void createUsers() throws IOException, InterruptedException {
        try (Admin operator = operator().admin()) {
            secure.createUsers(operator);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("could not create the broker's users: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + LOGIN_PATIENCE.toNanos();
        while (true) {
            try (Admin admin = clients().admin()) {
                admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (!(e.getCause() instanceof SaslAuthenticationException) || System.nanoTime() > deadline) {
                    throw new IOException("user " + USER + " cannot log in: " + e.getMessage(), e);
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * Runs a broker with the job's four topics until Ctrl-C, for trying the job or a standalone cluster by hand
     * without a Kafka installation: {@code java -cp tools/target/login-insights-tools.jar
     * com.logininsights.common.broker.LocalKafkaBroker [input partitions]}. It prints the address to give the job.
     */
    public static void main(String[] args) throws Exception {
        int inputPartitions = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        LocalKafkaBroker broker = inTemporaryFolder().build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (IOException e) {
                e.printStackTrace();
            }
            stopped.countDown();
        }));
        broker.start();
        broker.clients().createTopics(Topics.DEFAULT.toCreate(inputPartitions));
        System.out.println("Kafka broker ready: --bootstrap-servers " + broker.bootstrapServers());
        stopped.await();
    }
}
