package dev.detour.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The config rules at their exact limits (the lowest and highest port, the smallest and largest interval), the
 * settings and upstream keys that ConfigValidationTest's cases do not reach, and which known key a typo is matched to.
 */
class ConfigLimitsTest {
    private static final Path FILE = Path.of("/home/dev/.config/detour/detour.toml");

    private static LoadedConfig parse(String text) throws ConfigException {
        return ConfigLoader.parse(FILE, text);
    }

    private static String valid(String replace, String with) {
        assertTrue(ConfigValidationTest.VALID.contains(replace), replace);
        return ConfigValidationTest.VALID.replace(replace, with);
    }

    private static ConfigException refused(String text) {
        return assertThrows(ConfigException.class, () -> parse(text));
    }

    @Test
    void portsFrom1024To65535AreAcceptedAndOneBeyondEitherEndIsNot() throws Exception {
        assertEquals(1024, parse(valid("port = 8781", "port = 1024")).config().session("main").orElseThrow().port());
        assertEquals(65535, parse(valid("port = 8781", "port = 65535")).config().session("main").orElseThrow().port());
        ConfigException low = refused(valid("port = 8781", "port = 1023"));
        assertEquals("sessions.main.port", low.key());
        assertTrue(low.getMessage().contains("port 1023 is outside 1024–65535"), low.getMessage());
        ConfigException high = refused(valid("port = 8781", "port = 65536"));
        assertTrue(high.getMessage().contains("port 65536 is outside"), high.getMessage());
    }

    @Test
    void intervalsFromOneSecondToTheLargestIntAreAcceptedAndNothingBeyond() throws Exception {
        assertEquals(1, parse(valid("probe_interval_s = 15", "probe_interval_s = 1")).config().settings().probeIntervalS());
        assertEquals(Integer.MAX_VALUE, parse(valid("probe_interval_s = 15", "probe_interval_s = 2147483647"))
                .config().settings().probeIntervalS());
        ConfigException tooLarge = refused(valid("probe_interval_s = 15", "probe_interval_s = 2147483648"));
        assertEquals("settings.probe_interval_s", tooLarge.key());
        assertTrue(tooLarge.getMessage().contains("at least 1"), tooLarge.getMessage());
    }

    @Test
    void theNetworkSettingsAreRead() throws Exception {
        Config config = parse(valid("probe_interval_s = 15", "probe_interval_s = 15\nproxy = \"http://proxy.corp.example:3128\"\n"
                + "ca_file = \"/etc/corp/ca.pem\"\nclient_cert = \"/etc/corp/me.crt\"\nclient_key = \"/etc/corp/me.key\"")).config();
        Network network = config.settings().network();
        assertEquals("http://proxy.corp.example:3128", network.proxy());
        assertEquals("/etc/corp/ca.pem", network.caFile());
        assertEquals("/etc/corp/me.crt", network.clientCert());
        assertEquals("/etc/corp/me.key", network.clientKey());
    }

    @Test
    void aClientCertificateWithoutItsKeyOrTheOtherWayRoundPointsAtTheLineThatIsThere() {
        ConfigException noKey = refused(valid("probe_interval_s = 15", "probe_interval_s = 15\nclient_cert = \"/etc/corp/me.crt\""));
        assertEquals("settings.client_cert", noKey.key());
        assertEquals(4, noKey.line());
        assertTrue(noKey.getMessage().contains("client_cert and client_key go together"), noKey.getMessage());
        ConfigException noCert = refused(valid("probe_interval_s = 15", "probe_interval_s = 15\nclient_key = \"/etc/corp/me.key\""));
        assertEquals("settings.client_key", noCert.key());
        assertEquals(4, noCert.line());
    }

    @Test
    void anUpstreamNameUnfitForMessagesAndFilesIsRefused() {
        ConfigException e = refused(valid("[upstreams.corp]", "[upstreams.\"corp proxy\"]")
                .replace("route = [\"anthropic\", \"corp\"]", "route = [\"anthropic\"]").replace("route = [\"corp\"]", "route = [\"anthropic\"]"));
        assertEquals("upstreams.corp proxy", e.key());
        assertTrue(e.getMessage().contains("\"corp proxy\" is not a valid upstream name"), e.getMessage());
    }

    @Test
    void aStatusPageMustBeAnHttpsUrl() {
        ConfigException e = refused(valid("auth = \"env:CORP_KEY\"", "auth = \"env:CORP_KEY\"\nstatus_page = \"ftp://status.corp.example\""));
        assertEquals("upstreams.corp.status_page", e.key());
        assertEquals(14, e.line());
        assertTrue(e.getMessage().contains("not an http(s) URL"), e.getMessage());
    }

    @Test
    void anUnknownSettingIsWarnedWithTheNearestKnownKeyAndAFarOffOneWithTheWholeList() throws Exception {
        List<String> warnings = parse(valid("probe_interval_s = 15", "probe_interval_s = 15\nprobe_intervall_s = 5")).warnings();
        assertEquals(List.of(FILE + ":4: settings.probe_intervall_s: unknown key, ignored (did you mean probe_interval_s?)"), warnings);

        List<String> nearest = parse(valid("failover = \"same-family\"", "rout = \"x\"")).warnings();
        assertEquals(List.of(FILE + ":23: sessions.main.rout: unknown key, ignored (did you mean route?)"), nearest,
                "port is two edits away, route one: the nearer wins");

        List<String> far = parse(valid("failover = \"same-family\"", "retries = 3")).warnings();
        assertEquals(List.of(FILE + ":23: sessions.main.retries: unknown key, ignored (known here: port, route, failover, team)"),
                far, "nothing within two edits: the known keys instead of a wild guess");
    }

    @Test
    void aFileOfExactlyTheLargestSizeIsReadAndItsValuesToo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder(ConfigValidationTest.VALID);
        while (text.length() < ConfigLoader.MAX_BYTES - 200) {
            text.append("# padding ").append("x".repeat(100)).append('\n');
        }
        text.append("#").append("y".repeat(ConfigLoader.MAX_BYTES - text.length() - 1)).append('\n');
        assertEquals(ConfigLoader.MAX_BYTES, text.length());
        Path file = TestConfigs.write(dir, "big.toml", text.toString(), "rw-------");
        assertEquals(List.of("main", "review"), List.copyOf(ConfigLoader.load(file).config().sessions().keySet()));
    }

    @Test
    void aValueOfTheLongestLengthIsReadAndOneCharacterMoreIsRefusedWithItsLength() throws Exception {
        String longest = "\"" + "c".repeat(ConfigLoader.MAX_VALUE_CHARS - 2) + "\"";
        String at = valid("auth = \"env:CORP_KEY\"", "auth = \"env:CORP_KEY\"\nstatus_component = " + longest);
        assertEquals(ConfigLoader.MAX_VALUE_CHARS - 2, parse(at).config().upstream("corp").orElseThrow().statusComponent().length());
        ConfigException e = refused(valid("auth = \"env:CORP_KEY\"", "auth = \"env:CORP_KEY\"\nstatus_component = \"c" + longest.substring(1)));
        assertEquals("upstreams.corp.status_component", e.key());
        assertEquals(14, e.line());
        assertTrue(e.getMessage().contains("a value of " + (ConfigLoader.MAX_VALUE_CHARS + 1) + " characters; detour reads none over "
                + ConfigLoader.MAX_VALUE_CHARS), e.getMessage());
    }

    @Test
    void quotedTableNamesAreTheNamesThemselves() throws Exception {
        Config config = parse(valid("[upstreams.corp]", "[upstreams.'corp']").replace("[sessions.review]", "[sessions.\"review\"]"))
                .config();
        assertEquals(List.of("anthropic", "corp", "openai"), List.copyOf(config.upstreams().keySet()));
        assertEquals(List.of("main", "review"), List.copyOf(config.sessions().keySet()));
        ConfigException empty = refused(valid("[sessions.review]", "[sessions.\"\"]"));
        assertTrue(empty.getMessage().contains("\"\" is not a valid session name"), empty.getMessage());
    }

    @Test
    void aCloudUpstreamWithTheWrongAuthIsToldWhichCredentialsItsCloudTakes() {
        ConfigException bedrock = refused(CloudConfigTest.CLOUD.replace("auth = \"aws\"", "auth = \"passthrough\""));
        assertEquals("upstreams.bedrock-west.auth", bedrock.key());
        assertTrue(bedrock.getMessage().contains("api = \"bedrock\" takes auth = \"aws\" (the standard AWS credential chain, "
                + "or a Bedrock API key in AWS_BEARER_TOKEN_BEDROCK)"), bedrock.getMessage());
        assertTrue(bedrock.getMessage().endsWith("\"passthrough\" would not authenticate to AWS"), bedrock.getMessage());
        ConfigException vertex = refused(CloudConfigTest.CLOUD.replace("auth = \"gcloud\"", "auth = \"aws\""));
        assertEquals("upstreams.vertex-eu.auth", vertex.key());
        assertTrue(vertex.getMessage().contains("api = \"vertex\" takes auth = \"gcloud\" (Application Default Credentials)"),
                vertex.getMessage());
        assertTrue(vertex.getMessage().endsWith("\"aws\" would not authenticate to Google Cloud"), vertex.getMessage());
    }
}
