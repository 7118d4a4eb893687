package dev.detour.team;

import dev.detour.net.ClientIdentity;
import dev.detour.net.Egress;
import dev.detour.net.ProxyEndpoint;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Connections to the team's Redis made the way every other outbound connection is ({@link Egress}): through the
 * egress proxy when one applies (an HTTP CONNECT tunnel, with the proxy's credentials), and for {@code rediss://}
 * with TLS that trusts the system's CAs plus {@code ca_file} and {@code SSL_CERT_FILE}, shows the configured
 * client certificate, and checks the server's name.
 */
final class RedisSockets implements JedisSocketFactory {
    private static final int MAX_PROXY_REPLY = 16 * 1024;
    private final Egress egress;
    private final String host;
    private final int port;
    private final boolean tls;
    private final int timeoutMs;

    RedisSockets(Egress egress, String host, int port, boolean tls, int timeoutMs) {
        this.egress = egress;
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public Socket createSocket() throws JedisConnectionException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMs);
            ProxyEndpoint proxy = egress.proxyFor(null, tls ? "https" : "http", host, port);
            if (proxy == null) {
                socket.connect(new InetSocketAddress(host, port), timeoutMs);
            } else {
                socket.connect(new InetSocketAddress(proxy.host(), proxy.port()), timeoutMs);
                tunnel(socket, proxy);
            }
            return tls ? handshake(socket) : socket;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw new JedisConnectionException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private void tunnel(Socket socket, ProxyEndpoint proxy) throws IOException {
        String target = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        StringBuilder request = new StringBuilder("CONNECT ").append(target).append(" HTTP/1.1\r\nHost: ")
                .append(target).append("\r\n");
        if (proxy.hasCredentials()) {
            String pair = proxy.user() + ":" + proxy.password();
            request.append("Proxy-Authorization: Basic ")
                    .append(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))).append("\r\n");
        }
        OutputStream out = socket.getOutputStream();
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String head = readHead(socket.getInputStream());
        String status = head.lines().findFirst().orElse("");
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[1].equals("200")) {
            throw new IOException("the proxy " + proxy.describe() + " refused the tunnel: " + status);
        }
    }

    /** The proxy's reply up to the blank line, read byte by byte so that nothing of the tunnel is consumed. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the proxy closed the connection");
            }
            if (head.size() >= MAX_PROXY_REPLY) {
                throw new IOException("the proxy's reply is too long");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private Socket handshake(Socket plain) throws IOException {
        X509TrustManager trust = egress.trust(null);
        ClientIdentity identity = egress.identity(null);
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(identity == null ? null : identity.keyManagers(), new TrustManager[]{trust}, null);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available in this JVM: " + e.getMessage(), e);
        }
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(timeoutMs);
        ssl.startHandshake();
        return ssl;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException alreadyBroken) {
            // the connection failed; closing it is only tidying
        }
    }
}
