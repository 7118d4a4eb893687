package dev.detour.net;

import java.util.List;
import java.util.function.Function;

/**
 * The proxy variables as curl reads them: {@code https_proxy} / {@code HTTPS_PROXY} for https, {@code http_proxy}
 * (curl ignores the upper-case form for http) for http, {@code ALL_PROXY} for both; {@code no_proxy} / {@code NO_PROXY}
 * for the exceptions. The lower-case form wins when both are set.
 */
public final class ProxyEnvironment {
    /** Every variable an agent's environment should carry through unchanged. */
    public static final List<String> VARIABLES = List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy",
            "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy");

    private ProxyEnvironment() {
    }

    /** The proxy for a URL of {@code scheme}, or null to go direct. */
    public static ProxyEndpoint forUrl(String scheme, String host, int port, Function<String, String> env) {
        String noProxy = first(env, "no_proxy", "NO_PROXY");
        if (NoProxyRules.parse(noProxy).bypass(host, port)) {
            return null;
        }
        String[] names = "https".equalsIgnoreCase(scheme)
                ? new String[]{"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}
                : new String[]{"http_proxy", "all_proxy", "ALL_PROXY"};
        for (String name : names) {
            String value = env.apply(name);
            if (value != null && !value.isBlank()) {
                return ProxyEndpoint.parse(value, name);
            }
        }
        return null;
    }

    private static String first(Function<String, String> env, String... names) {
        for (String name : names) {
            String value = env.apply(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
