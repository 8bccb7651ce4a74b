package com.logininsights.common;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1, where everything the tools and the tests start listens. */
public final class Ports {
    private Ports() {}

    /** A port nothing listens on, so a run never collides with a developer's 29092 or 8081. */
    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
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
