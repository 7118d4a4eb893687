package dev.detour.httpd;

import java.io.IOException;

/**
 * A request the server refuses before (or while) it reaches the handler: malformed, too large, or framed in a way
 * the server does not accept. The handler words the answer in its own dialect; {@link #status()} is the status.
 * When the request line was read, {@link #method()} and {@link #target()} say what it asked for (else null).
 */
public final class HttpRefusal extends IOException {
    private final int status;
    private final String method;
    private final String target;

    public HttpRefusal(int status, String message) {
        this(status, message, null, null);
    }

    private HttpRefusal(int status, String message, String method, String target) {
        super(message);
        this.status = status;
        this.method = method;
        this.target = target;
    }

    /** The same refusal, knowing the request line it concerns. */
    HttpRefusal about(String requestMethod, String requestTarget) {
        return new HttpRefusal(status, getMessage(), requestMethod, requestTarget);
    }

    public int status() {
        return status;
    }

    public String method() {
        return method;
    }

    public String target() {
        return target;
    }
}
