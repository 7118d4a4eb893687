package dev.detour.health;

import dev.detour.config.Config;
import dev.detour.config.Network;
import dev.detour.config.Upstream;
import dev.detour.net.ClientIdentity;
import dev.detour.net.Egress;
import dev.detour.net.NetworkException;
import dev.detour.net.PemFiles;
import dev.detour.net.ProxyEndpoint;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code detour doctor}'s checks of the network settings: every proxy reachable, every CA file parseable, every client
 * certificate matching its key, not expiring within {@link #EXPIRY_WARNING}, its key file private; and agents that
 * would go direct while the bridge goes through a proxy.
 */
public final class NetworkChecks {
    public static final Duration EXPIRY_WARNING = Duration.ofDays(14);
    private static final int PROXY_CONNECT_MS = 3000;

    private NetworkChecks() {
    }

    public static List<Finding> all(Config config, Function<String, String> env, Instant now) {
        Egress egress = new Egress(config.settings(), env);
        List<Finding> out = new ArrayList<>();
        Set<Path> caFiles = new LinkedHashSet<>(egress.caFiles(null));
        Map<String, ProxyEndpoint> proxies = new LinkedHashMap<>();
        Set<String> identities = new LinkedHashSet<>();
        for (Upstream u : config.upstreams().values()) {
            caFiles.addAll(egress.caFiles(u.network()));
            try {
                ProxyEndpoint p = egress.proxyFor(u.network(), u.baseUrl());
                if (p != null) {
                    proxies.putIfAbsent(p.host() + ":" + p.port(), p);
                }
            } catch (NetworkException e) {
                out.add(Finding.problem("network", u.name() + ": " + e.getMessage()));
            }
            Network n = u.network().over(config.settings().network());
            if (n.clientCert() != null && identities.add(n.clientCert() + "|" + n.clientKey())) {
                out.add(identity(u.name(), n, now));
            }
        }
        for (Path ca : caFiles) {
            try {
                out.add(Finding.ok("network", ca + ": " + PemFiles.certificates(ca).size() + " CA certificate(s)"));
            } catch (NetworkException e) {
                out.add(Finding.problem("network", e.getMessage()));
            }
        }
        for (ProxyEndpoint p : proxies.values()) {
            out.add(proxyReachable(p));
        }
        out.addAll(agentsGoDirect(config, proxies.values(), env));
        return out;
    }

    private static Finding identity(String upstream, Network n, Instant now) {
        try {
            ClientIdentity id = ClientIdentity.load(PemFiles.path(n.clientCert()), PemFiles.path(n.clientKey()), now);
            Duration left = Duration.between(now, id.expires());
            if (left.compareTo(EXPIRY_WARNING) < 0) {
                return Finding.problem("network", upstream + ": the client certificate " + id.certFile()
                        + " expires in " + left.toDays() + " day(s), on " + id.expires() + ": renew it");
            }
            return Finding.ok("network", upstream + ": client certificate " + id.certFile() + " matches its key, valid until "
                    + id.expires());
        } catch (NetworkException e) {
            return Finding.problem("network", upstream + ": " + e.getMessage());
        }
    }

    private static Finding proxyReachable(ProxyEndpoint p) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(p.host(), p.port()), PROXY_CONNECT_MS);
            return Finding.ok("network", "proxy " + p.describe() + " accepts connections");
        } catch (IOException e) {
            return Finding.problem("network", "proxy " + p.describe() + " is down (" + e.getMessage()
                    + "): upstreams behind it are unreachable");
        }
    }

    /** The bridge goes through a proxy the config names, but agents started here see no proxy variable. */
    private static List<Finding> agentsGoDirect(Config config, java.util.Collection<ProxyEndpoint> proxies,
                                                Function<String, String> env) {
        boolean agentsHaveProxy = isSet(env, "HTTPS_PROXY") || isSet(env, "https_proxy") || isSet(env, "ALL_PROXY")
                || isSet(env, "all_proxy");
        List<Finding> out = new ArrayList<>();
        for (ProxyEndpoint p : proxies) {
            if (!agentsHaveProxy && !p.source().equals("HTTPS_PROXY") && !p.source().equals("https_proxy")) {
                out.add(Finding.problem("network", "the bridge goes through proxy " + p.describe() + " but HTTPS_PROXY is "
                        + "not set here: agents started with `detour run` reach everything else directly; export "
                        + "HTTPS_PROXY=http://" + p.host() + ":" + p.port()));
            }
        }
        return out;
    }

    private static boolean isSet(Function<String, String> env, String name) {
        String v = env.apply(name);
        return v != null && !v.isBlank();
    }
}
