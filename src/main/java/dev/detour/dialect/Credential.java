package dev.detour.dialect;

/** The credential a request carries to one upstream: the agent's own, the upstream's key from its env var, or the cloud's. */
public sealed interface Credential {
    /** {@code auth = "passthrough"}: the agent's {@code x-api-key} and/or {@code Authorization}, as sent (may be null). */
    record AgentOwn(String apiKey, String authorization) implements Credential {
    }

    /** {@code auth = "env:VAR"}: the key read from the bridge's environment. */
    record Key(String value) implements Credential {
    }

    /** {@code auth = "aws"} or {@code "gcloud"}: the protocol takes the credential from the cloud's own chain. */
    record Ambient() implements Credential {
    }
}
