package com.logininsights.common;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

/** Ports on 127.0.0.1, where everything the tools and the tests start listens. */
public final class Ports {
    /** A listening socket's state in {@code /proc/net/tcp}. */
    private static final String LISTEN = "0A";

    private Ports() {}

    /** A port nothing listens on, so a run never collides with a developer's 29092 or 8081. */
    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /**
     * A free port other than {@code chosen}: ports picked earlier but not bound yet, which the system may offer
     * again (two of a broker's listeners on one port make it refuse to format, as a CI run found).
     */
    public static int freeOtherThan(int... chosen) throws IOException {
        return otherThan(Ports::free, chosen);
    }

    static int otherThan(Source free, int... chosen) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = free.next();
            if (IntStream.of(chosen).noneMatch(port -> port == candidate)) {
                return candidate;
            }
        }
        throw new IOException("found no free port other than " + Arrays.toString(chosen));
    }

    /** Where free ports come from: {@link #free()}, or a test's sequence. */
    interface Source {
        int next() throws IOException;
    }

    /** A free port whose successor is free too: the broker's controller listens there. */
    public static int freePair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = free();
            try {
                new ServerSocket(port + 1, 1, InetAddress.getByName("127.0.0.1")).close();
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("found no two free neighbouring ports");
    }

    /**
     * The local addresses that sockets of this machine listen on at {@code port}, read from Linux's {@code
     * /proc/net/tcp} and {@code tcp6}: whether a server took only the loopback address or every interface ({@code
     * 0.0.0.0}, {@code ::}). Empty where nothing listens, and on systems without these files.
     */
    public static List<InetAddress> listeningAddresses(int port) throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (Files.isReadable(file)) {
                addresses.addAll(listeningAddresses(Files.readAllLines(file), port));
            }
        }
        return addresses;
    }

    /** The listening addresses at {@code port} in a table of {@code /proc/net/tcp}'s form, header line first. */
    static List<InetAddress> listeningAddresses(List<String> table, int port) throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (String line : table.subList(1, table.size())) {
            String[] columns = line.trim().split("\\s+");
            String[] local = columns[1].split(":");
            if (columns[3].equals(LISTEN) && Integer.parseInt(local[1], 16) == port) {
                addresses.add(InetAddress.getByAddress(kernelOrder(local[0])));
            }
        }
        return addresses;
    }

    /** The kernel writes an address as 32-bit words in the machine's byte order (little-endian on x86 and ARM). */
    private static byte[] kernelOrder(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 0; i < 2; i++) {
                byte swap = bytes[word + i];
                bytes[word + i] = bytes[word + 3 - i];
                bytes[word + 3 - i] = swap;
            }
        }
        return bytes;
    }

    /**
     * Fails with a message naming the port and its purpose, instead of a bind error deep in a log.
     *
     * @param advice what the user can do instead, ending the message
     */
    public static void requireFree(int port, String purpose, String advice) throws IOException {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new IOException("port " + port + " (" + purpose + ") is already in use; " + advice);
        }
    }
}
