package dev.detour.health;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Statuspage v2 feeds: parsed from samples, and fetched from real servers on 127.0.0.1. */
class StatusPageTest {
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    static final String CLAUDE_API = "k8w3r06qmzrp";

    static String sample(String name) throws IOException {
        try (InputStream in = StatusPageTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anOpenIncidentOnTheWatchedComponent() throws IOException {
        StatusPageReport r = StatusPageParser.parse("https://status.claude.com", CLAUDE_API,
                sample("statuspage-claude-incident.json"), null, NOW);
        assertTrue(r.readable());
        assertEquals("major", r.indicator());
        assertEquals("Claude API (api.anthropic.com)", r.componentName());
        assertEquals("partial_outage", r.componentStatus());
        assertEquals(1, r.incidents().size(), "the claude.ai incident does not name the watched component");
        assertEquals("Elevated errors on Claude Opus", r.incidents().get(0).name());
        assertEquals(StatusPageReport.Concern.MINOR, r.concern());
        assertEquals("status page: 'Elevated errors on Claude Opus', investigating 23 min", r.summary(NOW));
    }

    @Test
    void withoutAWatchedComponentEveryOpenIncidentCountsAndTheIndicatorDecides() throws IOException {
        StatusPageReport r = StatusPageParser.parse("https://status.claude.com", null,
                sample("statuspage-claude-incident.json"), null, NOW);
        assertEquals(2, r.incidents().size());
        assertEquals(StatusPageReport.Concern.MAJOR, r.concern());
        assertEquals("status page: 'Elevated errors on Claude Opus', investigating 23 min (+1 more)", r.summary(NOW));
    }

    @Test
    void openAiIncidentsComeFromUnresolvedJson() throws IOException {
        StatusPageReport r = StatusPageParser.parse("https://status.openai.com", "01JMXBRMFE6N2NNT7DG6XZQ6PW",
                sample("statuspage-openai-summary.json"), sample("statuspage-openai-unresolved.json"), NOW);
        assertEquals("degraded_performance", r.componentStatus());
        assertEquals("status page: 'Increased latency for Chat Completions', monitoring 3 h", r.summary(NOW));
    }

    @Test
    void allClearSaysNothing() throws IOException {
        StatusPageReport r = StatusPageParser.parse("p", CLAUDE_API, sample("statuspage-all-clear.json"), null, NOW);
        assertEquals(StatusPageReport.Concern.NONE, r.concern());
        assertNull(r.summary(NOW));
    }

    @Test
    void anythingButTheJsonIsUnknownNeverDown() throws IOException {
        StatusPageReport html = StatusPageParser.parse("p", CLAUDE_API, sample("statuspage-challenge.html"), null, NOW);
        assertFalse(html.readable());
        assertEquals(StatusPageReport.Concern.UNKNOWN, html.concern());
        assertEquals("answered an HTML page 'Just a moment...' instead of JSON", html.problem());
        assertFalse(StatusPageParser.parse("p", null, "{\"status\":{\"indi", null, NOW).readable());
        assertEquals("summary.json is not valid JSON", StatusPageParser.parse("p", null, "{\"status\":{\"indi", null, NOW).problem());
        assertFalse(StatusPageParser.parse("p", null, "{\"page\":{}}", null, NOW).readable());
        assertFalse(StatusPageParser.parse("p", null, "", null, NOW).readable());
    }

    @Test
    void fetchedFromALoopbackStatuspageWithAnOpenIncident() throws Exception {
        String summary = sample("statuspage-claude-incident.json");
        try (Loopback.Server s = Loopback.http(Loopback.Answer.json(200, summary))) {
            StatusPageReport r = new StatusPageClient(Duration.ofSeconds(2)).fetch(s.url(), CLAUDE_API);
            assertTrue(r.readable(), r.problem());
            assertEquals("Elevated errors on Claude Opus", r.incidents().get(0).name());
            assertTrue(s.seen.stream().anyMatch(seen -> seen.path().equals("/api/v2/summary.json")));
            assertTrue(s.seen.stream().anyMatch(seen -> seen.path().equals("/api/v2/incidents/unresolved.json")));
        }
    }

    @Test
    void aLoopbackStatuspageAnsweringHtmlIsUnknown() throws Exception {
        try (Loopback.Server s = Loopback.http(new Loopback.Answer(200, "text/html", sample("statuspage-challenge.html"), Map.of(), 0))) {
            StatusPageReport r = new StatusPageClient(Duration.ofSeconds(2)).fetch(s.url(), CLAUDE_API);
            assertFalse(r.readable());
            assertEquals(StatusPageReport.Concern.UNKNOWN, r.concern());
            assertTrue(r.summary(NOW).startsWith("status page unknown (answered an HTML page"), r.summary(NOW));
        }
    }

    @Test
    void aStatuspageThatNeverAnswersIsUnknownWithinTheTimeout() throws Exception {
        try (Loopback.Silent silent = new Loopback.Silent()) {
            StatusPageReport r = new StatusPageClient(Duration.ofMillis(500)).fetch("http://127.0.0.1:" + silent.port(), null);
            assertFalse(r.readable());
            assertTrue(r.problem().equals("no answer: timeout after 500 ms"), r.problem());
        }
        StatusPageReport closed = new StatusPageClient(Duration.ofMillis(500)).fetch("http://127.0.0.1:" + Loopback.closedPort(), null);
        assertFalse(closed.readable());
    }

    @Test
    void agesReadLikePeopleSayThem() {
        assertEquals("40 s", Ages.of(Duration.ofSeconds(40)));
        assertEquals("23 min", Ages.of(Duration.ofMinutes(23)));
        assertEquals("3 h 5 min", Ages.of(Duration.ofMinutes(185)));
        assertEquals("2 d", Ages.of(Duration.ofHours(50)));
        assertEquals("0 s", Ages.of(Duration.ofSeconds(-5)));
    }
}
