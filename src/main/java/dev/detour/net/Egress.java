package dev.detour.net;

import dev.detour.config.Network;
import dev.detour.config.Settings;
import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

/**
 * The one place that decides how an outbound connection leaves this box: which proxy (if any), which CAs are trusted,
 * which client certificate is shown. Every outbound OkHttp client (bridge forwarding, probes, status pages) is built
 * through {@link #apply}, so that they cannot disagree.
 */
public final class Egress {
    public static final String SSL_CERT_FILE = "SSL_CERT_FILE";

    private final Network defaults;
    private final Function<String, String> env;
    private final Map<List<Path>, X509TrustManager> trust = new ConcurrentHashMap<>();
    private final Map<List<Path>, ClientIdentity> identities = new ConcurrentHashMap<>();

    public Egress(Settings settings, Function<String, String> env) {
        this.defaults = settings.network();
        this.env = env;
    }

    /** The network settings of {@code [settings]}, which upstreams fall back to. */
    public Network defaults() {
        return defaults;
    }

    /**
     * The proxy for one URL, or null to go direct. An upstream's own {@code proxy} wins; otherwise loopback goes
     * direct and the settings' {@code proxy} (default {@code env}) decides.
     */
    public ProxyEndpoint proxyFor(Network upstream, String scheme, String host, int port) {
        String own = upstream == null ? null : upstream.proxy();
        if (own == null && isLoopback(host)) {
            return null;
        }
        String mode = own != null ? own : defaults.proxy() != null ? defaults.proxy() : Network.PROXY_ENV;
        return switch (mode) {
            case Network.PROXY_NONE -> null;
            case Network.PROXY_ENV -> ProxyEnvironment.forUrl(scheme, host, port, env);
            default -> ProxyEndpoint.parse(mode, own != null ? "the upstream's proxy" : "[settings] proxy");
        };
    }

    /** The proxy for one URL, or null to go direct. */
    public ProxyEndpoint proxyFor(Network upstream, String url) {
        HttpUrl parsed = HttpUrl.get(url);
        return proxyFor(upstream, parsed.scheme(), parsed.host(), parsed.port());
    }

    /** The system's CAs plus the settings', the upstream's and {@code SSL_CERT_FILE}'s. */
    public X509TrustManager trust(Network upstream) {
        List<Path> files = caFiles(upstream);
        return trust.computeIfAbsent(files, TrustMaterial::withExtra);
    }

    /** The extra CA files in force for an upstream (null: for connections that belong to no upstream). */
    public List<Path> caFiles(Network upstream) {
        List<Path> files = new ArrayList<>();
        if (defaults.caFile() != null) {
            files.add(PemFiles.path(defaults.caFile()));
        }
        if (upstream != null && upstream.caFile() != null && !files.contains(PemFiles.path(upstream.caFile()))) {
            files.add(PemFiles.path(upstream.caFile()));
        }
        String sslCertFile = env.apply(SSL_CERT_FILE);
        if (sslCertFile != null && !sslCertFile.isBlank() && !files.contains(Path.of(sslCertFile))) {
            files.add(Path.of(sslCertFile));
        }
        return List.copyOf(files);
    }

    /** The client certificate for an upstream, checked (permissions, validity, key), or null when none is set. */
    public ClientIdentity identity(Network upstream) {
        Network n = upstream == null ? defaults : upstream.over(defaults);
        if (n.clientCert() == null || n.clientKey() == null) {
            return null;
        }
        List<Path> key = List.of(PemFiles.path(n.clientCert()), PemFiles.path(n.clientKey()));
        return identities.computeIfAbsent(key, k -> ClientIdentity.load(k.get(0), k.get(1), Instant.now()));
    }

    /** Configures {@code builder} for connections made on behalf of {@code upstream} (null: of no upstream). */
    public OkHttpClient.Builder apply(OkHttpClient.Builder builder, Network upstream) {
        return apply(builder, upstream, UnaryOperator.identity());
    }

    /** As {@link #apply(OkHttpClient.Builder, Network)}, with the trust decisions passed through {@code wrapTrust}. */
    public OkHttpClient.Builder apply(OkHttpClient.Builder builder, Network upstream,
                                      UnaryOperator<X509TrustManager> wrapTrust) {
        X509TrustManager tm = wrapTrust.apply(trust(upstream));
        ClientIdentity identity = identity(upstream);
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(identity == null ? null : identity.keyManagers(), new javax.net.ssl.TrustManager[]{tm}, null);
            builder.sslSocketFactory(tls.getSocketFactory(), tm);
        } catch (GeneralSecurityException e) {
            throw new NetworkException("TLS is not available in this JVM: " + e.getMessage(), e);
        }
        return builder.proxySelector(new Selector(upstream)).proxyAuthenticator(proxyCredentials(upstream));
    }

    private Authenticator proxyCredentials(Network upstream) {
        return (route, response) -> {
            HttpUrl url = response.request().url();
            ProxyEndpoint proxy = proxyFor(upstream, url.scheme(), url.host(), url.port());
            boolean alreadyTried = response.request().header("Proxy-Authorization") != null;
            if (proxy == null || !proxy.hasCredentials() || alreadyTried) {
                return null;
            }
            return response.request().newBuilder()
                    .header("Proxy-Authorization", Credentials.basic(proxy.user(), proxy.password())).build();
        };
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (java.net.UnknownHostException notAnAddress) {
            return false;
        }
    }

    private final class Selector extends ProxySelector {
        private final Network upstream;

        Selector(Network upstream) {
            this.upstream = upstream;
        }

        @Override
        public List<Proxy> select(URI uri) {
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            ProxyEndpoint proxy = proxyFor(upstream, uri.getScheme(), uri.getHost(), port);
            return List.of(proxy == null ? Proxy.NO_PROXY : proxy.proxy());
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            // a failed proxy is the probe ladder's to report; there is no second proxy to try
        }
    }
}
