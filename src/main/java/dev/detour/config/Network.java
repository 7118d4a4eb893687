package dev.detour.config;

/**
 * How outbound connections leave this box, as written in {@code [settings]} or in one upstream; every part is null
 * when not written (an upstream's then falls back to the settings', and those to the environment).
 *
 * @param proxy      {@code "env"} (HTTPS_PROXY / HTTP_PROXY / NO_PROXY), {@code "none"}, or an http:// proxy URL
 * @param caFile     a PEM file of extra trusted CAs, on top of the system's
 * @param clientCert a PEM certificate chain presented for mutual TLS
 * @param clientKey  the PEM (PKCS#8) private key of {@code clientCert}; its file must not be readable by others
 */
public record Network(String proxy, String caFile, String clientCert, String clientKey) {
    public static final Network UNSET = new Network(null, null, null, null);
    public static final String PROXY_ENV = "env";
    public static final String PROXY_NONE = "none";

    /** What is wrong with a written {@code proxy} value, or null when it is unset, "env", "none" or an http:// URL. */
    static String proxyProblem(String proxy) {
        if (proxy == null || proxy.equals(PROXY_ENV) || proxy.equals(PROXY_NONE)) {
            return null;
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(proxy);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !"http".equalsIgnoreCase(uri.getScheme())) {
            return "\"" + proxy + "\" is not a proxy: expected \"env\", \"none\" or "
                    + "an http:// URL such as \"http://proxy.corp.example:3128\"";
        }
        if (uri.getRawUserInfo() != null) {
            return "a proxy password does not belong in the config: put the URL with "
                    + "user:password in HTTPS_PROXY and write proxy = \"env\"";
        }
        return null;
    }

    /** This network with each part that is not written taken from {@code fallback}. */
    public Network over(Network fallback) {
        return new Network(proxy != null ? proxy : fallback.proxy, caFile != null ? caFile : fallback.caFile,
                clientCert != null ? clientCert : fallback.clientCert, clientKey != null ? clientKey : fallback.clientKey);
    }
}
