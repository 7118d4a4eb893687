package dev.detour.health;

import com.fasterxml.jackson.annotation.JsonValue;

/** The steps of the probe ladder, in order: each proves more than the one before. */
public enum Rung {
    DNS("dns"),
    CONNECT("connect"),
    /** Through an egress proxy: reaching the proxy and opening the CONNECT tunnel (in place of {@link #CONNECT}). */
    PROXY("proxy"),
    TLS("tls"),
    HTTP("http");

    private final String word;

    Rung(String word) {
        this.word = word;
    }

    @JsonValue
    public String word() {
        return word;
    }

    /** Whether a failure at this rung happened before any byte reached the service (DNS, TCP connect or TLS). */
    public boolean beforeService() {
        return this != HTTP;
    }
}
