package dev.detour.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.config.Family;
import dev.detour.config.Upstream;
import dev.detour.dialect.AgentRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThinkingHygieneTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Upstream A = upstream("anth-a", Family.ANTHROPIC);
    private static final Upstream B = upstream("anth-b", Family.ANTHROPIC);
    private static final Upstream OAI = upstream("oai", Family.OPENAI);

    private static Upstream upstream(String name, Family family) {
        return new Upstream(name, family, "http://127.0.0.1:1", "passthrough", null, null, Map.of());
    }

    /** A conversation of {@code turns} user/assistant pairs, each assistant turn thinking first, then a user turn. */
    private static AgentRequest conversation(String session, int turns) throws Exception {
        StringBuilder messages = new StringBuilder("[");
        for (int i = 0; i < turns; i++) {
            messages.append("{\"role\":\"user\",\"content\":\"q").append(i).append("\"},")
                    .append("{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"t").append(i)
                    .append("\",\"signature\":\"sig").append(i).append("\"},{\"type\":\"text\",\"text\":\"a").append(i).append("\"}]},");
        }
        messages.append("{\"role\":\"user\",\"content\":\"next\"}]");
        String body = "{\"model\":\"claude-opus-4-1\",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},\"messages\":" + messages + "}";
        Headers headers = session == null ? Headers.of("content-encoding", "gzip")
                : Headers.of(AgentRequest.CLAUDE_SESSION_HEADER, session, "content-encoding", "gzip");
        return new AgentRequest("POST", "/v1/messages", null, headers, body.getBytes(StandardCharsets.UTF_8), JSON.readTree(body));
    }

    private static long thinkingBlocks(AgentRequest request) {
        return request.json().path("messages").findValues("type").stream().filter(t -> t.asText().equals("thinking")).count();
    }

    @Test
    void aConversationThatStaysOnOneUpstreamIsLeftAlone() throws Exception {
        ThinkingHygiene hygiene = new ThinkingHygiene();
        AgentRequest first = conversation("s1", 1);
        assertSame(first, hygiene.prepare(first, A), "never seen: nothing known to strip");
        hygiene.answered(first, "anth-a");
        AgentRequest second = conversation("s1", 2);
        assertSame(second, hygiene.prepare(second, A));
    }

    @Test
    void movingToAnotherUpstreamStripsThinkingMadeElsewhereAndKeepsTheNewUpstreamsOwn() throws Exception {
        ThinkingHygiene hygiene = new ThinkingHygiene();
        hygiene.answered(conversation("s2", 1), "anth-a");

        AgentRequest moved = conversation("s2", 2);
        AgentRequest sentToB = hygiene.prepare(moved, B);
        assertEquals(0, thinkingBlocks(sentToB), "the first request on B carries none of A's signatures");
        assertEquals(2, thinkingBlocks(moved), "the agent's own request is not modified");
        assertNull(sentToB.headers().get("content-encoding"), "the rewritten body goes uncompressed");
        assertEquals(JSON.readTree(sentToB.body()), sentToB.json());
        hygiene.answered(moved, "anth-b"); // 5 messages: B's own turns start at index 5

        AgentRequest later = conversation("s2", 4); // turns 0,1 from A; turns 2,3 (messages 5 and 7) from B
        AgentRequest sentLater = hygiene.prepare(later, B);
        assertEquals(2, thinkingBlocks(sentLater), "B's own thinking stays, A's goes");
        assertEquals("t2", sentLater.json().path("messages").path(5).path("content").path(0).path("thinking").asText());
        assertTrue(sentLater.json().has("thinking"), "the last assistant turn is B's own: thinking stays on");
    }

    @Test
    void theOpenAiFamilyAndUnknownAgentsAreNotTouchedHere() throws Exception {
        ThinkingHygiene hygiene = new ThinkingHygiene();
        hygiene.answered(conversation("s3", 1), "anth-a");
        AgentRequest toOpenAi = conversation("s3", 2);
        assertSame(toOpenAi, hygiene.prepare(toOpenAi, OAI), "the translation drops thinking itself");
        AgentRequest anonymous = conversation(null, 2);
        hygiene.answered(anonymous, "anth-a");
        assertSame(anonymous, hygiene.prepare(anonymous, B));
    }

    @Test
    void theRefusalOfASignatureIsRecognisedAndTheRetryCarriesNoThinking() throws Exception {
        byte[] refusal = ("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"messages.1.content.0: Invalid `signature` in `thinking` block\"}}").getBytes(StandardCharsets.UTF_8);
        assertTrue(ThinkingHygiene.invalidSignature(400, refusal));
        assertFalse(ThinkingHygiene.invalidSignature(529, refusal));
        assertFalse(ThinkingHygiene.invalidSignature(400, "{\"error\":{\"message\":\"max_tokens: too large\"}}".getBytes(StandardCharsets.UTF_8)));
        AgentRequest retry = ThinkingHygiene.withoutThinking(conversation("s4", 2));
        assertEquals(0, thinkingBlocks(retry));
        assertNull(ThinkingHygiene.withoutThinking(retry), "nothing left to strip: no second retry");
    }
}
