package dev.detour.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** A port on 127.0.0.1 that was free a moment ago (tests run in parallel with other tests: never a fixed port). */
public final class FreePort {
    private FreePort() {
    }

    public static int pick() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    /** A port nothing listens on: connections to it are refused. */
    public static int closed() throws IOException {
        return pick();
    }
}
