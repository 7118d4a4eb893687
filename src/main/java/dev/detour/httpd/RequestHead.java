package dev.detour.httpd;

/**
 * A request's line and header fields as the server read them.
 *
 * @param target       the request target as sent (origin form; an absolute-form target is reduced to its path and query)
 * @param path         the target's raw path, still percent-encoded
 * @param query        the raw query without {@code ?}, or null
 * @param minorVersion 1 for HTTP/1.1, 0 for HTTP/1.0
 */
public record RequestHead(String method, String target, String path, String query, int minorVersion,
                          HeaderList headers, BodyFraming framing) {
    /** Whether the client lets the connection carry another request after this one. */
    public boolean keepAlive() {
        if (headers.hasToken("Connection", "close")) {
            return false;
        }
        return minorVersion >= 1 || headers.hasToken("Connection", "keep-alive");
    }

    /** Whether the client waits for {@code 100 Continue} before it sends the body. */
    public boolean expectsContinue() {
        return minorVersion >= 1 && "100-continue".equalsIgnoreCase(headers.first("Expect"));
    }

    public boolean isHead() {
        return method.equals("HEAD");
    }
}
