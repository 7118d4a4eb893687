package dev.detour.bridge;

import dev.detour.wire.Secrets;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Removes credentials from text before it is logged: known secrets by value, key-shaped strings by {@link Secrets}. */
public final class Redactor {
    static final String MARK = "[redacted]";
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    /** Redacts this exact value from now on (a session token, an upstream key). Short values are ignored. */
    public void add(String secret) {
        if (secret != null && secret.length() >= 8) {
            secrets.add(secret);
        }
    }

    public String redact(String text) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MARK);
        }
        return QueryRedaction.redact(Secrets.redact(out));
    }
}
