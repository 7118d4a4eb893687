package dev.detour.supervise;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortOwnerTest {
    private static final String TABLE = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:225D 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 412345 1 0000000000000000 100 0 0 10 0
               1: 0100007F:225D 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 412399 1 0000000000000000 20 4 30 10 -1
               2: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1111 1 0000000000000000 100 0 0 10 0
            """;

    @Test
    void findsTheListeningSocketOfAPortAndIgnoresConnections() {
        assertEquals(Set.of("412345"), PortOwner.listeningInodes(TABLE, 0x225D));
        assertEquals(Set.of("1111"), PortOwner.listeningInodes(TABLE, 22));
        assertEquals(Set.of(), PortOwner.listeningInodes(TABLE, 8080));
    }

    @Test
    void namesThisProcessAsTheOwnerOfARealListeningSocket() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            assertTrue(PortOwner.accepting(port));
            assertEquals(ProcessHandle.current().pid(), PortOwner.system().pidListeningOn(port).orElseThrow());
        }
    }

    @Test
    void aClosedPortIsNotAccepting() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
        }
        assertFalse(PortOwner.accepting(port));
        assertTrue(PortOwner.system().pidListeningOn(port).isEmpty());
    }
}
