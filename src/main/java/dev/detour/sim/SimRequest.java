package dev.detour.sim;

import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the sim read it.
 *
 * @param headers lower-case header name to its values, in arrival order
 * @param body    the body, already gunzipped when it came with {@code Content-Encoding: gzip}
 */
public record SimRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The method a handler routes on: HEAD is answered as GET (the exchange then leaves the body out). */
    public String routeMethod() {
        return method.equals("HEAD") ? "GET" : method;
    }
}
