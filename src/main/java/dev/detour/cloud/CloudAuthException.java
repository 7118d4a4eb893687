package dev.detour.cloud;

/** No usable cloud credential: the message says where detour looked and what to set (never a secret). */
public final class CloudAuthException extends Exception {
    public CloudAuthException(String message) {
        super(message);
    }

    public CloudAuthException(String message, Throwable cause) {
        super(message, cause);
    }
}
