package dev.detour.health;

import com.sun.net.httpserver.HttpServer;
import dev.detour.config.Dialect;
import dev.detour.config.Family;
import dev.detour.config.Upstream;
import dev.detour.sim.BedrockSim;
import dev.detour.sim.CloudSimAuth;
import dev.detour.sim.SimServer;
import dev.detour.sim.VertexSim;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe ladder against the cloud sims, and the clouds' public status feeds. */
class CloudHealthTest {
    static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");
    static final String AWS_EVENTS = """
            [{"date":"1796018400","region_name":"Oregon","status":"1","service":"bedrock-us-west-2",
              "service_name":"Amazon Bedrock (Oregon)","summary":"Increased error rates for InvokeModel"},
             {"date":"1796018400","region_name":"Oregon","status":"3","service":"bedrock-us-west-2",
              "summary":"[RESOLVED] Earlier latency"},
             {"date":"1796018400","region_name":"N. Virginia","status":"1","service":"bedrock-us-east-1",
              "summary":"Elevated latency"},
             {"date":"1796018400","region_name":"Oregon","status":"1","service":"ec2-us-west-2","summary":"EC2 issue"}]
            """;
    static final String GOOGLE_INCIDENTS = """
            [{"external_desc":"Vertex AI Claude models return errors","begin":"2026-11-30T05:40:00+00:00",
              "severity":"high","status_impact":"SERVICE_OUTAGE","most_recent_update":{"status":"SERVICE_OUTAGE"},
              "affected_products":[{"title":"Vertex Gemini API"},{"title":"Vertex AI Online Prediction"}],
              "currently_affected_locations":[{"id":"europe-west1","title":"Belgium (europe-west1)"}]},
             {"external_desc":"Old one","begin":"2026-11-01T00:00:00+00:00","end":"2026-11-01T02:00:00+00:00",
              "affected_products":[{"title":"Vertex AI Online Prediction"}],"currently_affected_locations":[]},
             {"external_desc":"BigQuery slow","begin":"2026-11-30T05:00:00+00:00",
              "affected_products":[{"title":"BigQuery"}],"currently_affected_locations":[{"id":"europe-west1"}]}]
            """;

    static byte[] utf16WithBom(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[body.length + 2];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xFE;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }

    @Test
    void awsHealthInUtf16IsFilteredToBedrockInTheRegion() {
        StatusPageReport west = CloudStatusFeeds.aws("feed", utf16WithBom(AWS_EVENTS), "us-west-2", NOW);
        assertTrue(west.readable());
        assertEquals(1, west.incidents().size(), west.toString());
        assertEquals("Increased error rates for InvokeModel", west.incidents().get(0).name());
        assertEquals(StatusPageReport.Concern.MINOR, west.concern());
        StatusPageReport tokyo = CloudStatusFeeds.aws("feed", utf16WithBom(AWS_EVENTS), "ap-northeast-1", NOW);
        assertEquals(StatusPageReport.Concern.NONE, tokyo.concern());
        assertEquals(StatusPageReport.Concern.UNKNOWN,
                CloudStatusFeeds.aws("feed", "<html>captcha</html>".getBytes(), "us-west-2", NOW).concern());
    }

    @Test
    void googleIncidentsAreFilteredToActiveVertexIncidentsInTheLocation() {
        StatusPageReport eu = CloudStatusFeeds.google("feed", GOOGLE_INCIDENTS, "europe-west1", NOW);
        assertEquals(1, eu.incidents().size(), eu.toString());
        assertEquals(StatusPageReport.Concern.MAJOR, eu.concern());
        assertTrue(eu.summary(NOW).contains("Vertex AI Claude models return errors"), eu.summary(NOW));
        assertEquals(StatusPageReport.Concern.NONE, CloudStatusFeeds.google("feed", GOOGLE_INCIDENTS, "us-east5", NOW).concern());
        assertEquals(StatusPageReport.Concern.UNKNOWN, CloudStatusFeeds.google("feed", "{}", "us-east5", NOW).concern());
    }

    @Test
    void theFeedsAreFetchedForCloudUpstreamsWithoutAStatusPage() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/aws", x -> {
            byte[] body = utf16WithBom(AWS_EVENTS);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.createContext("/google", x -> {
            x.sendResponseHeaders(503, -1);
            x.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            StatusPageClient client = new StatusPageClient(Duration.ofSeconds(3), base + "/aws", base + "/google");
            Upstream bedrock = new Upstream("b", Family.ANTHROPIC, "https://x", "aws", null, null, Map.of(),
                    Dialect.BEDROCK, "us-west-2", null);
            assertEquals(1, client.fetchCloud(bedrock).incidents().size());
            Upstream vertex = new Upstream("v", Family.ANTHROPIC, "https://x", "gcloud", null, null, Map.of(),
                    Dialect.VERTEX, "europe-west1", "p-123456");
            StatusPageReport unreadable = client.fetchCloud(vertex);
            assertFalse(unreadable.readable(), "an unreadable feed is unknown, never down");
            assertEquals(StatusPageReport.Concern.UNKNOWN, unreadable.concern());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theLadderProvesBedrockAndVertexAnswerWithoutSpendingTokens() throws Exception {
        CloudSimAuth auth = new CloudSimAuth("AKIDPROBE", "secret", null, null, "probe-bearer-token");
        try (SimServer bedrock = SimServer.start(new BedrockSim("b", auth, "us-west-2", Clock.systemUTC()), 0);
             SimServer vertex = SimServer.start(new VertexSim("v", auth, "p-123456", "europe-west1", Duration.ofHours(1),
                     Clock.systemUTC()), 0);
             Prober prober = new Prober(2, Duration.ofMillis(1500), ProbeLadder.platformTrust(), ProbeLadderTest.LOOPBACK_ONLY)) {
            Upstream b = new Upstream("b", Family.ANTHROPIC, "http://127.0.0.1:" + bedrock.port(), "aws", null, null,
                    Map.of(), Dialect.BEDROCK, "us-west-2", null);
            Upstream v = new Upstream("v", Family.ANTHROPIC, "http://127.0.0.1:" + vertex.port(), "env:VTOKEN", null, null,
                    Map.of(), Dialect.VERTEX, "europe-west1", "p-123456");
            List<ProbeResult> results = prober.probeAll(List.of(ProbeTarget.forUpstream(b, Map.of()),
                    ProbeTarget.forUpstream(v, Map.of()), ProbeTarget.forUpstream(v, Map.of("VTOKEN", "probe-bearer-token"))),
                    Duration.ofSeconds(5));
            assertEquals(dev.detour.wire.FailureClass.OK, results.get(0).failureClass(), results.get(0).toString());
            assertTrue(results.get(0).reason().contains("403 to an unsigned request"), results.get(0).toString());
            assertEquals(dev.detour.wire.FailureClass.OK, results.get(1).failureClass(), results.get(1).toString());
            assertEquals(dev.detour.wire.FailureClass.OK, results.get(2).failureClass(), results.get(2).toString());
        }
    }
}
