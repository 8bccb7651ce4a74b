package com.logininsights.tools.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1 that nothing listens on, so a benchmark never collides with a developer's 29092 or 8081. */
final class FreePorts {
    private FreePorts() {}

    static int one() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** A free port whose successor is free too: the broker's controller listens there. */
    static int pair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = one();
            try (ServerSocket next = new ServerSocket(port + 1, 1, InetAddress.getByName("127.0.0.1"))) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("found no two free neighbouring ports");
    }
}
