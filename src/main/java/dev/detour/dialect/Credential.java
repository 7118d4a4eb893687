package dev.detour.dialect;

import dev.detour.net.Egress;

/** The credential a request carries to one upstream: the agent's own, the upstream's key from its env var, or the cloud's. */
public sealed interface Credential {
    /** {@code auth = "passthrough"}: the agent's {@code x-api-key} and/or {@code Authorization}, as sent (may be null). */
    record AgentOwn(String apiKey, String authorization) implements Credential {
    }

    /** {@code auth = "env:VAR"}: the key read from the bridge's environment. */
    record Key(String value) implements Credential {
    }

    /**
     * {@code auth = "aws"} or {@code "gcloud"}: the protocol takes the credential from the cloud's own chain; calls the
     * chain makes (a token refresh) leave through {@code egress} with the upstream's network settings.
     */
    record Ambient(Egress egress) implements Credential {
    }
}
