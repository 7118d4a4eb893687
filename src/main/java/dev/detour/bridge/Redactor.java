package dev.detour.bridge;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Removes credentials from text before it is logged: known secrets by value, key-shaped strings by pattern. */
public final class Redactor {
    static final String MARK = "[redacted]";
    private static final Pattern KEY_SHAPED = Pattern.compile(
            "((?i)(x-api-key|authorization)\\s*[:=]\\s*(bearer\\s+)?\\S+)|(sk-[A-Za-z0-9_\\-]{8,})"
                    + "|((?i)bearer\\s+[A-Za-z0-9._~+/=\\-]{8,})"
                    + "|(ya29\\.[A-Za-z0-9._\\-]{8,})|((AKIA|ASIA)[A-Z0-9]{16})|(Signature=[0-9a-f]{64})");
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
        return KEY_SHAPED.matcher(out).replaceAll(MARK);
    }
}
