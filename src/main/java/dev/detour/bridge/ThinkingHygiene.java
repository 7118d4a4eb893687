package dev.detour.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.config.Family;
import dev.detour.config.Upstream;
import dev.detour.dialect.AgentRequest;
import dev.detour.translate.HistoryHygiene;
import dev.detour.wire.JsonText;
import okhttp3.Headers;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps thinking signatures where they were made. A thinking block's signature is bound to the provider that produced
 * it, and another one refuses the whole request ({@code 400 ... Invalid signature in thinking block}). So the bridge
 * remembers, per Claude Code conversation ({@code X-Claude-Code-Session-Id}), which upstream answered it last and from
 * which message on the history is that upstream's own; thinking blocks older than that are stripped before the
 * request goes to an Anthropic upstream. (The OpenAI translation drops thinking blocks anyway.)
 */
public final class ThinkingHygiene {
    private static final int REMEMBERED = 2000;

    /** @param ownFrom index of the first message the upstream answered itself (earlier ones came from elsewhere) */
    private record Conversation(String upstream, int ownFrom) {
    }

    private final Map<String, Conversation> conversations = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Conversation> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** The request to send {@code upstream}: the agent's own, or a copy without thinking made elsewhere. */
    public AgentRequest prepare(AgentRequest agent, Upstream upstream) {
        String session = agent.claudeSession();
        if (upstream.family() != Family.ANTHROPIC || session == null) {
            return agent;
        }
        Conversation conversation;
        synchronized (conversations) {
            conversation = conversations.get(session);
        }
        if (conversation == null || conversation.upstream().equals(upstream.name()) && conversation.ownFrom() == 0
                || agent.json() == null || !agent.json().isObject()) {
            return agent;
        }
        int before = conversation.upstream().equals(upstream.name()) ? conversation.ownFrom() : Integer.MAX_VALUE;
        ObjectNode copy = agent.json().deepCopy();
        return HistoryHygiene.stripThinking(copy, before) ? withBody(agent, copy) : agent;
    }

    /** {@code upstream} answered the request: from here on the conversation's new turns are its own. */
    public void answered(AgentRequest agent, String upstream) {
        String session = agent.claudeSession();
        if (session == null || !agent.parsed().json()) {
            return;
        }
        int messages = agent.parsed().messages();
        synchronized (conversations) {
            Conversation was = conversations.get(session);
            if (was == null) {
                conversations.put(session, new Conversation(upstream, 0));
            } else if (!was.upstream().equals(upstream)) {
                conversations.put(session, new Conversation(upstream, messages));
            }
        }
    }

    /** Whether an answer is the refusal of a thinking signature made elsewhere. */
    public static boolean invalidSignature(int status, byte[] body) {
        if (status != 400 || body == null) {
            return false;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return text.contains("signature") && text.contains("thinking");
    }

    /** The request without any thinking block, or null when it has none to strip. */
    public static AgentRequest withoutThinking(AgentRequest agent) {
        if (agent.json() == null || !agent.json().isObject()) {
            return null;
        }
        ObjectNode copy = agent.json().deepCopy();
        return HistoryHygiene.stripThinking(copy) ? withBody(agent, copy) : null;
    }

    /** The agent's request with a new JSON body, sent uncompressed. */
    static AgentRequest withBody(AgentRequest agent, JsonNode json) {
        byte[] body = JsonText.bytes(json);
        Headers headers = agent.headers().newBuilder().removeAll("content-encoding").removeAll("content-length").build();
        return new AgentRequest(agent.method(), agent.path(), agent.query(), headers, body, json, agent.origin());
    }
}
