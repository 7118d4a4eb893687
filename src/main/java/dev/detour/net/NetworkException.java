package dev.detour.net;

/** A network setting that cannot be used: a bad proxy URL, an unreadable CA file, a client certificate that fails. */
public final class NetworkException extends RuntimeException {
    public NetworkException(String message) {
        super(message);
    }

    public NetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
