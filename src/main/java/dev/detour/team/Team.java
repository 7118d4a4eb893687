package dev.detour.team;

import dev.detour.config.Settings;
import dev.detour.config.TeamSettings;
import dev.detour.net.Egress;

import java.time.Duration;
import java.util.Map;

/**
 * This box's membership of a team: its settings, the signer made from the team secret, and the store. Made from
 * the {@code [team]} table and the environment; a missing secret or password is a clear error naming the variable.
 */
public final class Team implements AutoCloseable {
    /** How long a summary lives in Redis, and how old one may be to count. */
    public static final Duration SUMMARY_TTL = Duration.ofSeconds(30);

    private final TeamSettings settings;
    private final Signer signer;
    private final TeamStore store;

    private Team(TeamSettings settings, Signer signer, TeamStore store) {
        this.settings = settings;
        this.signer = signer;
        this.store = store;
    }

    /**
     * @throws IllegalArgumentException when the secret or the password variable is unset or the secret too short
     */
    public static Team open(TeamSettings settings, Settings network, Map<String, String> env, int timeoutMs) {
        String secret = env.get(settings.secretEnv());
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("[team] secret: environment variable " + settings.secretEnv()
                    + " is not set; team mode needs the team secret to sign and verify messages");
        }
        Signer signer;
        try {
            signer = new Signer(secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("[team] secret: " + settings.secretEnv() + ": " + e.getMessage());
        }
        String password = null;
        if (settings.authEnv() != null) {
            password = env.get(settings.authEnv());
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("[team] auth: environment variable " + settings.authEnv() + " is not set");
            }
        }
        Egress egress = new Egress(network, env::get);
        return new Team(settings, signer, new TeamStore(new RedisLink(settings, password, egress, timeoutMs), settings.name()));
    }

    public TeamSettings settings() {
        return settings;
    }

    public TeamStore store() {
        return store;
    }

    public Gate newGate() {
        return new Gate(signer, settings.name());
    }

    public Envelope seal(String kind, String slot, Object body, long nowMs) {
        return signer.sign(new Envelope(kind, settings.name(), slot, settings.box(), nowMs, Signer.nonce(),
                Codec.write(body), null));
    }

    @Override
    public void close() {
        store.link().close();
    }
}
