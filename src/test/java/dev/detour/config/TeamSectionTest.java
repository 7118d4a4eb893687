package dev.detour.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code [team]} table and {@code team = false} of a session: read, defaults, and clear errors. */
class TeamSectionTest {
    private static final Path FILE = Path.of("/home/dev/.config/detour/detour.toml");
    private static final String BODY = """
            [upstreams.anthropic]
            family = "anthropic"
            base_url = "https://api.anthropic.com"
            auth = "passthrough"

            [sessions.main]
            port = 8781
            route = ["anthropic"]
            """;

    private static LoadedConfig parse(String team) throws ConfigException {
        return ConfigLoader.parse(FILE, team + "\n" + BODY);
    }

    @Test
    void withoutATeamTableTeamModeIsOffAndSessionsFollowOverridesByDefault() throws ConfigException {
        LoadedConfig loaded = parse("");
        assertNull(loaded.config().team());
        assertTrue(loaded.config().sessions().get("main").team());
    }

    @Test
    void aTeamTableIsReadWithItsDefaults() throws ConfigException {
        LoadedConfig loaded = parse("""
                [team]
                redis_url = "rediss://redis.internal:6380/0"
                auth = "env:DETOUR_REDIS_PASSWORD"
                secret = "env:DETOUR_TEAM_SECRET"
                box = "alice-devbox"
                name = "platform"
                """);
        assertEquals(new TeamSettings("rediss://redis.internal:6380/0", "DETOUR_REDIS_PASSWORD", "DETOUR_TEAM_SECRET",
                "alice-devbox", "platform"), loaded.config().team());
        assertEquals(java.util.List.of(), loaded.warnings());
        TeamSettings defaults = parse("[team]\nredis_url = \"redis://127.0.0.1:6379\"\nsecret = \"env:S\"\n").config().team();
        assertEquals("default", defaults.name());
        assertFalse(defaults.box().isBlank(), "the box defaults to the host name");
        assertNull(defaults.authEnv());
    }

    @Test
    void aSessionOptsOutWithTeamFalse() throws ConfigException {
        LoadedConfig loaded = ConfigLoader.parse(FILE, BODY + "team = false\n");
        assertFalse(loaded.config().sessions().get("main").team());
        ConfigException notBool = assertThrows(ConfigException.class, () -> ConfigLoader.parse(FILE, BODY + "team = \"no\"\n"));
        assertTrue(notBool.getMessage().contains("sessions.main.team") && notBool.getMessage().contains("expected true or false"),
                notBool.getMessage());
    }

    @Test
    void badTeamValuesAreClearErrorsWithFileLineAndKey() {
        ConfigException literal = assertThrows(ConfigException.class, () -> parse(
                "[team]\nredis_url = \"redis://r:6379\"\nsecret = \"hunter2hunter2hunter2\"\n"));
        assertTrue(literal.getMessage().startsWith(FILE + ":3: team.secret: expected \"env:VAR\""), literal.getMessage());
        assertFalse(literal.getMessage().contains("hunter2"), "a secret is never printed");
        ConfigException scheme = assertThrows(ConfigException.class, () -> parse(
                "[team]\nredis_url = \"http://r:6379\"\nsecret = \"env:S\"\n"));
        assertTrue(scheme.getMessage().contains(":2: team.redis_url: expected redis://HOST:PORT/DB"), scheme.getMessage());
        ConfigException password = assertThrows(ConfigException.class, () -> parse(
                "[team]\nredis_url = \"redis://user@r:6379\"\nsecret = \"env:S\"\n"));
        assertTrue(password.getMessage().contains("use auth = \"env:VAR\""), password.getMessage());
        ConfigException missing = assertThrows(ConfigException.class, () -> parse("[team]\nredis_url = \"redis://r:6379\"\n"));
        assertTrue(missing.getMessage().contains("team: missing secret"), missing.getMessage());
        ConfigException badBox = assertThrows(ConfigException.class, () -> parse(
                "[team]\nredis_url = \"redis://r:6379\"\nsecret = \"env:S\"\nbox = \"a b\"\n"));
        assertTrue(badBox.getMessage().contains(":4: team.box"), badBox.getMessage());
    }

    @Test
    void anUnknownTeamKeyIsAWarning() throws ConfigException {
        LoadedConfig loaded = parse("[team]\nredis_url = \"redis://r:6379\"\nsecret = \"env:S\"\nsecrte = \"x\"\n");
        assertEquals(1, loaded.warnings().size());
        assertTrue(loaded.warnings().get(0).contains("team.secrte: unknown key, ignored (did you mean secret?)"),
                loaded.warnings().get(0));
    }
}
