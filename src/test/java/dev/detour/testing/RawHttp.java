package dev.detour.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends bytes exactly as given to a loopback port and reads the answer until the server closes or goes quiet: for
 * requests an HTTP client would refuse to send or would normalise (dot segments, repeated headers, bad framing).
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** The answer as text (headers and body); empty when the server closed without a byte. */
    public static String exchange(int port, byte[] request, int quietMs) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            socket.setSoTimeout(quietMs);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException quiet) {
                // the server keeps the connection open: what arrived so far is the answer
            } catch (IOException reset) {
                // a reset after the answer still leaves the answer
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    public static String exchange(int port, String request) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), 3000);
    }

    /** The status code of an answer, or 0 when there is none. */
    public static int status(String answer) {
        if (!answer.startsWith("HTTP/1.")) {
            return 0;
        }
        return Integer.parseInt(answer.substring(9, 12));
    }

    /** The value of a response header (first occurrence, name case-insensitive), or null. */
    public static String header(String answer, String name) {
        int end = answer.indexOf("\r\n\r\n");
        for (String line : answer.substring(0, end < 0 ? answer.length() : end).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    public static String body(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        return end < 0 ? "" : answer.substring(end + 4);
    }
}
