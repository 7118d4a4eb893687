package dev.detour.config;

/**
 * The optional {@code [team]} table: team mode shares upstream health and signed route overrides through Redis.
 *
 * @param redisUrl  {@code redis://} or {@code rediss://} (TLS) URL, without a password
 * @param authEnv   the environment variable that holds the Redis password, or null
 * @param secretEnv the environment variable that holds the team secret (signs and verifies every message)
 * @param box       this box's name in the team (default: the host name)
 * @param name      the team's namespace in Redis, so that several teams can share one server
 */
public record TeamSettings(String redisUrl, String authEnv, String secretEnv, String box, String name) {
}
