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

    /** This network with each part that is not written taken from {@code fallback}. */
    public Network over(Network fallback) {
        return new Network(proxy != null ? proxy : fallback.proxy, caFile != null ? caFile : fallback.caFile,
                clientCert != null ? clientCert : fallback.clientCert, clientKey != null ? clientKey : fallback.clientKey);
    }
}
