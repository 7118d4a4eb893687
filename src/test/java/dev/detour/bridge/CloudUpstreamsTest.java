package dev.detour.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.cloud.AwsCredentialChain;
import dev.detour.cloud.GoogleTokens;
import dev.detour.dialect.BedrockProtocol;
import dev.detour.dialect.UpstreamProtocols;
import dev.detour.sim.BedrockSim;
import dev.detour.sim.CloudSimAuth;
import dev.detour.sim.SimServer;
import dev.detour.sim.VertexSim;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bridge in this JVM against the Bedrock and Vertex simulators, which check signatures, bearers and body shapes as
 * the services do: streams and whole answers, beta hygiene, wrong and expired credentials, failover on a Bedrock
 * exception, ADC through a service-account file whose token_uri is the simulator, and no credential anywhere in the
 * bridge's log, stats or events.
 */
class CloudUpstreamsTest {
    static final String KEY_ID = "AKIDSIMTEST" + "0000000";
    static final String SECRET = "sim-secret/" + "K7MDENGbPxRfiCYSIMKEY";
    static final String SESSION = "sim-session-token-" + "FwoGZXIvYXdzEXAMPLE";
    static final String MODEL = "claude-sonnet-4-5-20250929";

    @TempDir
    Path dir;
    BridgeFixture fx;
    SimServer bedrock;
    SimServer vertex;

    @BeforeEach
    void sims() throws Exception {
        fx = new BridgeFixture(dir);
        CloudSimAuth auth = new CloudSimAuth(KEY_ID, SECRET, SESSION, null, null);
        bedrock = fx.sim("bedrock", new BedrockSim("bedrock", auth, "us-west-2", Clock.systemUTC()), 0);
        vertex = fx.sim("vertex", new VertexSim("vertex", auth, "detour-test", "europe-west1", Duration.ofSeconds(1),
                Clock.systemUTC()), 0);
        fx.sim("backup");
        fx.env.put("AWS_ACCESS_KEY_ID", KEY_ID);
        fx.env.put("AWS_SECRET_ACCESS_KEY", SECRET);
        fx.env.put("AWS_SESSION_TOKEN", SESSION);
        fx.env.put("HOME", dir.toString());
        fx.env.put("BACKUP_KEY", "sk-ant-backup-" + "key-4444");
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    private void config(String route) throws Exception {
        fx.write("[upstreams.bedrock]\nfamily = \"anthropic\"\napi = \"bedrock\"\nregion = \"us-west-2\"\nauth = \"aws\"\n"
                + "base_url = \"http://127.0.0.1:" + bedrock.port() + "\"\n\n"
                + "[upstreams.vertex]\nfamily = \"anthropic\"\napi = \"vertex\"\nproject = \"detour-test\"\n"
                + "region = \"europe-west1\"\nauth = \"gcloud\"\nbase_url = \"http://127.0.0.1:" + vertex.port() + "\"\n\n"
                + "[upstreams.vertex-key]\nfamily = \"anthropic\"\napi = \"vertex\"\nproject = \"detour-test\"\n"
                + "region = \"europe-west1\"\nauth = \"env:VERTEX_TOKEN\"\nbase_url = \"http://127.0.0.1:" + vertex.port() + "\"\n\n"
                + "[upstreams.backup]\nfamily = \"anthropic\"\nbase_url = \"http://127.0.0.1:" + fx.sims.get("backup").port()
                + "\"\nauth = \"env:BACKUP_KEY\"\n\n"
                + "[sessions.main]\nport = " + fx.port + "\nroute = [" + route + "]\n");
    }

    private Request request(String model, boolean stream, String betas) {
        String body = "{\"model\":\"" + model + "\",\"max_tokens\":50,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"say hi\"}]}";
        return new Request.Builder().url(fx.url("/v1/messages")).header("x-api-key", BridgeFixture.AGENT_KEY)
                .header("anthropic-version", "2023-06-01").header("anthropic-beta", betas)
                .post(RequestBody.create(body, BridgeFixture.JSON_TYPE)).build();
    }

    @Test
    void bedrockSignedWithSigV4StreamsAndAnswersWholeWithOnlyTheBetasItAccepts() throws Exception {
        config("\"bedrock\"");
        fx.start();
        String betas = "claude-code-20250219,interleaved-thinking-2025-05-14";
        BridgeFixture.Answer stream = fx.send(request(MODEL, true, betas));
        assertEquals(200, stream.status(), stream.body());
        assertTrue(stream.headers().get("content-type").startsWith("text/event-stream"), stream.headers().toString());
        assertTrue(stream.body().contains("event: message_start") && stream.body().contains("Answer from bedrock")
                && stream.body().contains("event: message_stop"), stream.body());
        BridgeFixture.Answer whole = fx.send(request(MODEL, false, betas));
        assertEquals(200, whole.status(), whole.body());
        assertEquals("message", whole.json().path("type").asText());
        JsonNode recorded = fx.simRequests("bedrock").path("requests");
        assertEquals("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke-with-response-stream",
                recorded.get(0).path("path").asText());
        assertEquals("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke", recorded.get(1).path("path").asText());
        assertTrue(recorded.get(0).path("headers").path("authorization").get(0).asText().startsWith("sha256:"));
        String log = Files.readString(fx.paths.logFile("main"));
        assertEquals(1, log.split("beta claude-code-20250219 not sent to bedrock", -1).length - 1, log);
        assertFalse(log.contains("beta interleaved-thinking-2025-05-14 not sent"), log);
    }

    @Test
    void aBedrockAgentsInferenceProfileArnReachesABedrockUpstreamEncodedAndEscapesStayRefused() throws Exception {
        config("\"bedrock\"");
        fx.start();
        String arn = "arn%3Aaws%3Abedrock%3Aus-west-2%3A123456789012%3Aapplication-inference-profile%2Fabc";
        String body = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":50,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"say hi\"}]}";
        BridgeFixture.Answer answer = fx.send(new Request.Builder().url(fx.url("/model/" + arn + "/invoke"))
                .post(RequestBody.create(body, BridgeFixture.JSON_TYPE)).build());
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains("Answer from bedrock"), answer.body());
        JsonNode recorded = fx.simRequests("bedrock").path("requests");
        assertEquals("/model/" + arn + "/invoke", recorded.get(0).path("path").asText(), "the ARN goes out as one segment");

        for (String escape : new String[]{"/model/..%2F..%2Fadmin/invoke", "/model/%2e%2e%2Fx/invoke", "/model/x%2F%2E%2E/invoke"}) {
            BridgeFixture.Answer refused = fx.send(new Request.Builder().url(fx.url(escape))
                    .post(RequestBody.create(body, BridgeFixture.JSON_TYPE)).build());
            assertEquals(400, refused.status(), escape + ": " + refused.body());
        }
        assertEquals(1, fx.simRequests("bedrock").path("count").asInt(), "no escape reached the upstream");
    }

    @Test
    void tokenCountsGoToVertexCountTokensAndAreEstimatedForBedrock() throws Exception {
        config("\"vertex\"");
        fx.env.put("GOOGLE_APPLICATION_CREDENTIALS", serviceAccount(dir, "http://127.0.0.1:" + vertex.port() + "/token").toString());
        fx.start();
        String body = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"count these words\"}]}";
        BridgeFixture.Answer counted = fx.send(new Request.Builder().url(fx.url("/v1/messages/count_tokens"))
                .header("x-api-key", BridgeFixture.AGENT_KEY).header("anthropic-version", "2023-06-01")
                .post(RequestBody.create(body, BridgeFixture.JSON_TYPE)).build());
        assertEquals(200, counted.status(), counted.body());
        assertTrue(counted.json().path("input_tokens").asInt() > 0, counted.body());
        assertEquals(null, counted.headers().get("x-detour-estimate"), "Vertex counted it");
        assertTrue(fx.simRequests("vertex").toString().contains(
                "/v1/projects/detour-test/locations/europe-west1/publishers/anthropic/models/count-tokens:rawPredict"),
                fx.simRequests("vertex").toString());

        fx.sims.remove("bedrock");
        fx.close();
        fx = new BridgeFixture(dir.resolve("second"));
        fx.sims.put("bedrock", bedrock);
        fx.env.putAll(Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_SESSION_TOKEN", SESSION));
        fx.write("[upstreams.bedrock]\nfamily = \"anthropic\"\napi = \"bedrock\"\nregion = \"us-west-2\"\nauth = \"aws\"\n"
                + "base_url = \"http://127.0.0.1:" + bedrock.port() + "\"\n\n[sessions.main]\nport = " + fx.port
                + "\nroute = [\"bedrock\"]\n");
        fx.start();
        BridgeFixture.Answer estimated = fx.send(new Request.Builder().url(fx.url("/v1/messages/count_tokens"))
                .header("x-api-key", BridgeFixture.AGENT_KEY).header("anthropic-version", "2023-06-01")
                .post(RequestBody.create(body, BridgeFixture.JSON_TYPE)).build());
        assertEquals(200, estimated.status(), estimated.body());
        assertEquals("true", estimated.headers().get("x-detour-estimate"), "Bedrock has no count endpoint here");
        assertTrue(estimated.json().path("input_tokens").asInt() > 0, estimated.body());
        assertEquals(0, fx.simRequests("bedrock").path("count").asInt(), "nothing went to Bedrock");
    }

    @Test
    void aWrongSecretIsAClearAuthError() throws Exception {
        config("\"bedrock\"");
        fx.env.put("AWS_SECRET_ACCESS_KEY", "not-the-" + "right-secret-at-all");
        fx.start();
        BridgeFixture.Answer wrong = fx.send(request(MODEL, true, ""));
        assertEquals(401, wrong.status(), wrong.body());
        assertEquals("authentication_error", wrong.json().path("error").path("type").asText());
        assertTrue(wrong.json().path("error").path("message").asText().contains(
                "InvalidSignatureException: The request signature we calculated does not match"), wrong.body());
    }

    @Test
    void aSignatureFromASlowClockHasExpired() throws Exception {
        Clock tenMinutesSlow = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
        fx.protocols = new UpstreamProtocols(java.util.List.of(
                new BedrockProtocol(new AwsCredentialChain(fx.env::get), tenMinutesSlow)));
        config("\"bedrock\"");
        fx.start();
        BridgeFixture.Answer old = fx.send(request(MODEL, false, ""));
        assertEquals(401, old.status(), old.body());
        assertTrue(old.body().contains("Signature expired"), old.body());
    }

    @Test
    void aModelWithNoBedrockIdIsAClearError() throws Exception {
        config("\"bedrock\"");
        fx.start();
        BridgeFixture.Answer answer = fx.send(request("claude-sonnet-4-5", false, ""));
        assertEquals(502, answer.status(), answer.body());
        assertTrue(answer.body().contains("bedrock has no bedrock model for \\\"claude-sonnet-4-5\\\""), answer.body());
    }

    @Test
    void aBedrockThrottleFailsOverAndAnExceptionMidStreamEndsWithAnErrorEvent() throws Exception {
        config("\"bedrock\", \"backup\"");
        fx.start();
        fx.fault("bedrock", "{\"mode\":\"status\",\"status\":429,\"times\":1}");
        BridgeFixture.Answer failover = fx.send(request(MODEL, true, ""));
        assertTrue(failover.body().contains("Answer from backup"), failover.body());
        assertEquals("rate-limited", fx.events("failover").get(0).reason().replace("429 ", ""));

        fx.fault("bedrock", "{\"mode\":\"error-event\",\"after_events\":2,\"times\":1}");
        BridgeFixture.Answer cut = fx.send(request(MODEL, true, ""));
        assertTrue(cut.body().contains("Answer from bedrock"), cut.body());
        assertTrue(cut.body().contains("event: error") && cut.body().contains("overloaded_error")
                && cut.body().contains("Bedrock serviceUnavailableException"), cut.body());
        assertFalse(cut.body().contains("message_stop"), "never a fake message_stop: " + cut.body());
    }

    @Test
    void vertexWithAdcFromAServiceAccountFileRefreshesItsTokens() throws Exception {
        config("\"vertex\"");
        fx.env.put("GOOGLE_APPLICATION_CREDENTIALS", serviceAccount(dir, "http://127.0.0.1:" + vertex.port() + "/token").toString());
        fx.start();
        BridgeFixture.Answer first = fx.send(request(MODEL, true, "claude-code-20250219"));
        assertEquals(200, first.status(), first.body());
        assertTrue(first.body().contains("Answer from vertex"), first.body());
        Thread.sleep(1100);
        BridgeFixture.Answer second = fx.send(request(MODEL, false, ""));
        assertEquals(200, second.status(), second.body());
        JsonNode recorded = fx.simRequests("vertex").path("requests");
        long tokens = 0;
        for (JsonNode r : recorded) {
            tokens += r.path("path").asText().equals("/token") ? 1 : 0;
        }
        assertTrue(tokens >= 2, "a token per expiry: " + recorded);
        assertTrue(recorded.toString().contains(
                "/v1/projects/detour-test/locations/europe-west1/publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict"),
                recorded.toString());
        assertNoCredentialIn(fx, SECRET, SESSION, "ya29.sim-", BridgeFixture.AGENT_KEY);
    }

    @Test
    void anExpiredVertexTokenIsAClearAuthErrorAndNoCredentialLeaks() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Duration> later = new java.util.concurrent.atomic.AtomicReference<>(Duration.ZERO);
        Clock simClock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return java.time.Instant.now().plus(later.get());
            }
        };
        vertex.close();
        vertex = fx.sim("vertex", new VertexSim("vertex", new CloudSimAuth(KEY_ID, SECRET, SESSION, null, null),
                "detour-test", "europe-west1", Duration.ofMinutes(1), simClock), 0);
        String token = issue(vertex);
        fx.env.put("VERTEX_TOKEN", token);
        config("\"vertex-key\"");
        fx.start();
        assertEquals(200, fx.send(request(MODEL, false, "")).status(), "the token works while it is fresh");
        later.set(Duration.ofMinutes(2));
        BridgeFixture.Answer expired = fx.send(request(MODEL, false, ""));
        assertEquals(401, expired.status(), expired.body());
        assertEquals("authentication_error", expired.json().path("error").path("type").asText());
        assertTrue(expired.json().path("error").path("message").asText().startsWith(
                "Vertex AI UNAUTHENTICATED: Request had invalid authentication credentials"), expired.body());
        assertNoCredentialIn(fx, SECRET, SESSION, token, BridgeFixture.AGENT_KEY);
        String agentKey = SimServer.fingerprint(BridgeFixture.AGENT_KEY);
        assertFalse(fx.simRequests("vertex").toString().contains(agentKey), "the agent's key never reaches a cloud");
        assertTrue(fx.simRequests("vertex").toString().contains(SimServer.fingerprint("Bearer " + token)));
    }

    static void assertNoCredentialIn(BridgeFixture fx, String... secrets) throws Exception {
        String log = Files.readString(fx.paths.logFile("main"));
        String events = Files.exists(fx.paths.eventsFile()) ? Files.readString(fx.paths.eventsFile()) : "";
        String stats = fx.send(new Request.Builder().url(fx.url("/_detour/stats")).build()).body();
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "log holds a credential: " + log);
            assertFalse(events.contains(secret), "events hold a credential: " + events);
            assertFalse(stats.contains(secret), "stats hold a credential: " + stats);
        }
    }

    /** A token from the sim's token endpoint (its JWT claims are checked, not its signature). */
    static String issue(SimServer sim) throws Exception {
        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"iss\":\"t@detour-test.iam.gserviceaccount.com\",\"scope\":\"https://www.googleapis.com/auth/cloud-platform\"}"
                        .getBytes());
        String form = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=e30." + claims + ".c2ln";
        try (okhttp3.Response r = new okhttp3.OkHttpClient().newCall(new Request.Builder()
                .url("http://127.0.0.1:" + sim.port() + "/token")
                .post(RequestBody.create(form, okhttp3.MediaType.get("application/x-www-form-urlencoded"))).build()).execute()) {
            return BridgeFixture.JSON.readTree(r.body().string()).path("access_token").asText();
        }
    }

    /** A service-account key file with a fresh RSA key whose token_uri is {@code tokenUri}. */
    static Path serviceAccount(Path dir, String tokenUri) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        var json = BridgeFixture.JSON.createObjectNode().put("type", "service_account").put("project_id", "detour-test")
                .put("private_key_id", "0123456789abcdef").put("private_key", pem)
                .put("client_email", "bridge@detour-test.iam.gserviceaccount.com").put("client_id", "1234567890")
                .put("token_uri", tokenUri);
        return Files.writeString(dir.resolve("service-account.json"), json.toString());
    }
}
