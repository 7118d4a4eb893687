package dev.detour.httpd;

import java.io.IOException;

/** What a {@link StrictHttpServer} serves: every request it accepted, and the words of every refusal. */
public interface Handler {
    /** Answers one request: reads its body as needed and sends a response. */
    void handle(Exchange exchange) throws IOException;

    /**
     * Answers a request the server refused ({@code why.status()}: 400, 408, 413, 414, 431, 501, 505, or 503 when no
     * connection slot is free) in the handler's own words; {@code why.method()} and {@code why.target()} tell what
     * the request asked for when its line was readable. The connection closes afterwards.
     */
    void refused(HttpRefusal why, Exchange exchange) throws IOException;
}
