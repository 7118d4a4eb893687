package dev.detour.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OpenAI's incident.io status feed: parsed from a sample, and fetched from a server on 127.0.0.1. */
class IncidentIoTest {
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    /** The shape of status.openai.com/proxy/status.openai.com, cut down to what detour reads. */
    static final String FEED = """
            {"summary":{"id":"01JMXBRMFE","name":"OpenAI","components":[
               {"id":"01RESP","name":"Responses"},{"id":"01CODEX","name":"Codex"},{"id":"01CHAT","name":"ChatGPT"}],
             "structure":{"items":[{"group":{"id":"g1","name":"APIs","components":[{"component_id":"01RESP","name":"Responses"},
               {"component_id":"01BATCH","name":"Batch"}]}},{"component":{"component_id":"01CODEX","name":"Codex"}}]},
             "affected_components":[{"component_id":"01CODEX","status":"full_outage"},{"component_id":"01CHAT","status":"degraded_performance"}],
             "ongoing_incidents":[
               {"id":"i1","name":"Codex tasks failing","status":"investigating","current_worst_impact":"full_outage",
                "published_at":"2026-11-29T11:37:00Z","affected_components":[{"id":"01CODEX","name":"Codex"}]},
               {"id":"i2","name":"Slow ChatGPT","status":"identified","published_at":"2026-11-29T10:00:00Z",
                "affected_components":[{"id":"01CHAT","name":"ChatGPT"}]}],
             "in_progress_maintenances":[],"scheduled_maintenances":[]}}""";

    @Test
    void aComponentNamedByNameWithItsOutageAndIncident() {
        StatusPageReport codex = IncidentIoParser.parse("https://status.openai.com", "codex", FEED, NOW);
        assertTrue(codex.readable());
        assertEquals("01CODEX", codex.componentId());
        assertEquals("Codex", codex.componentName());
        assertEquals("major_outage", codex.componentStatus());
        assertEquals(1, codex.incidents().size());
        assertEquals(StatusPageReport.Concern.MAJOR, codex.concern());
        assertEquals("status page: 'Codex tasks failing', investigating 23 min", codex.summary(NOW));
        assertEquals("critical", codex.indicator());
    }

    @Test
    void anUnaffectedComponentIsOperationalAndAGroupedOneIsFoundById() {
        StatusPageReport responses = IncidentIoParser.parse("https://status.openai.com", "01RESP", FEED, NOW);
        assertEquals("Responses", responses.componentName());
        assertEquals("operational", responses.componentStatus());
        assertEquals(0, responses.incidents().size());
        assertEquals(StatusPageReport.Concern.NONE, responses.concern());
        assertNull(responses.summary(NOW));
        StatusPageReport page = IncidentIoParser.parse("https://status.openai.com", null, FEED, NOW);
        assertEquals(2, page.incidents().size());
        assertEquals("Codex tasks failing", page.incidents().get(0).name(), "newest first");
    }

    @Test
    void somethingElseIsUnknown() {
        assertFalse(IncidentIoParser.parse("p", "Codex", "<html>challenge</html>", NOW).readable());
        assertFalse(IncidentIoParser.parse("p", "Codex", "{\"status\":{\"indicator\":\"none\"}}", NOW).readable());
        assertFalse(IncidentIoParser.parse("p", "Codex", "{\"summary\":", NOW).readable());
    }

    @Test
    void theClientReadsTheIncidentIoFeedFirst() throws Exception {
        try (Loopback.Server s = Loopback.http(Loopback.Answer.json(200, FEED))) {
            StatusPageReport r = new StatusPageClient(Duration.ofSeconds(2)).fetch(s.url(), "Responses");
            assertTrue(r.readable(), String.valueOf(r.problem()));
            assertEquals("Responses", r.componentName());
            assertTrue(s.seen.peek().path().startsWith("/proxy/127.0.0.1"), s.seen.toString());
        }
    }
}
