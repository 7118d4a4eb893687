package dev.detour.net;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP proxy (https is tunnelled through it with CONNECT), with the credentials its URL carried, if any.
 *
 * @param source where the URL came from, e.g. {@code HTTPS_PROXY} or {@code proxy}, for messages
 */
public record ProxyEndpoint(String host, int port, String user, String password, String source) {
    /** curl's default proxy port. */
    static final int DEFAULT_PORT = 1080;

    /** Reads {@code http://[user:password@]host[:port]} or curl's bare {@code host[:port]}. */
    public static ProxyEndpoint parse(String url, String source) {
        String text = url.strip();
        String withScheme = text.contains("://") ? text : "http://" + text;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw new NetworkException(source + " is not a proxy URL: expected http://host:port");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new NetworkException(source + " names a " + uri.getScheme() + " proxy at " + uri.getHost()
                    + ": only http:// proxies are supported (https is tunnelled through them with CONNECT)");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        return new ProxyEndpoint(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), user, password, source);
    }

    public Proxy proxy() {
        return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
    }

    public boolean hasCredentials() {
        return user != null;
    }

    /** {@code host:port (from SOURCE)}; never the password. */
    public String describe() {
        return host + ":" + port + " (" + source + (hasCredentials() ? ", with credentials" : "") + ")";
    }

    @Override
    public String toString() {
        return "ProxyEndpoint[" + describe() + "]";
    }
}
