package com.logininsights.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PortsTest {
    @Test
    void aServerOnLoopbackListensThereAlone() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(Ports.listeningAddresses(server.getLocalPort()))
                    .singleElement()
                    .satisfies(
                            address -> assertThat(address.isLoopbackAddress()).isTrue());
        }
    }

    @Test
    void readsTheKernelsTablesOfBothFamilies() throws Exception {
        List<String> tcp = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1",
                "   1: 00000000:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1",
                "   2: 0100007F:1F91 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 3 1");
        assertThat(Ports.listeningAddresses(tcp, 8080)).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(Ports.listeningAddresses(tcp, 8081)).containsExactly(InetAddress.getByName("0.0.0.0"));

        List<String> tcp6 = List.of(
                "  sl  local_address                         remote_address                        st",
                "   0: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A 0",
                "   1: 00000000000000000000000001000000:1F91 00000000000000000000000000000000:0000 0A 0",
                "   2: 00000000000000000000000000000000:1F92 00000000000000000000000000000000:0000 0A 0");
        assertThat(Ports.listeningAddresses(tcp6, 8080)).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(Ports.listeningAddresses(tcp6, 8081)).containsExactly(InetAddress.getByName("::1"));
        assertThat(Ports.listeningAddresses(tcp6, 8082)).containsExactly(InetAddress.getByName("::"));
    }

    @Test
    void aPortChosenEarlierButNotYetBoundIsPassedOver() throws IOException {
        Iterator<Integer> offered = List.of(40_000, 40_001, 40_000, 41_235).iterator();

        assertThat(Ports.otherThan(offered::next, 40_000, 40_001)).isEqualTo(41_235);
    }

    @Test
    void aSystemThatOffersOnlyChosenPortsIsAnErrorNotALoop() {
        Iterator<Integer> offered =
                IntStream.iterate(0, i -> i + 1).map(i -> 40_000 + i % 2).iterator();

        assertThatThrownBy(() -> Ports.otherThan(offered::next, 40_000, 40_001))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("[40000, 40001]");
    }
}
