package dev.detour.dialect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.translate.ResponsesToMessagesRequest;
import dev.detour.translate.ResponsesTools;
import dev.detour.translate.TranslationException;
import okhttp3.Headers;

import java.nio.charset.StandardCharsets;

/**
 * Codex's dialect, the OpenAI Responses API: {@code POST /v1/responses} (Codex's provider {@code base_url} is the
 * bridge's {@code …/t/TOKEN/v1}). The request becomes a canonical Messages request that keeps the original as its
 * {@link AgentRequest#origin() origin}, so a Responses upstream gets it unchanged; the reply reaches Codex as
 * Responses ({@link ResponsesAgentChannel}). The model stays Codex's: each upstream maps it through its own
 * {@code models} table. Of the agent's headers only the credential and the conversation id go on.
 */
public final class ResponsesAgent implements AgentDialect {
    public static final String PATH = "/v1/responses";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean serves(String method, String path) {
        return path.equals(PATH);
    }

    @Override
    public AgentRequest canonical(AgentRequest received) throws UpstreamProtocol.UnsupportedRequest {
        if (!received.method().equals("POST")) {
            throw new UpstreamProtocol.UnsupportedRequest(received.method() + " " + PATH + " is not served; Codex POSTs");
        }
        ObjectNode messages;
        try {
            messages = ResponsesToMessagesRequest.translate(received.json(), received.model());
        } catch (TranslationException e) {
            throw new UpstreamProtocol.UnsupportedRequest("cannot read the Responses request: " + e.getMessage());
        }
        Headers.Builder headers = new Headers.Builder().add("content-type", "application/json")
                .add("anthropic-version", "2023-06-01");
        for (String name : new String[]{"authorization", AgentRequest.CODEX_SESSION_HEADER}) {
            String value = received.headers().get(name);
            if (value != null) {
                headers.add(name, value);
            }
        }
        return new AgentRequest("POST", "/v1/messages", null, headers.build(),
                messages.toString().getBytes(StandardCharsets.UTF_8), messages, received);
    }

    @Override
    public AgentChannel reply(AgentRequest received, AgentChannel agent) {
        ResponsesTools tools;
        try {
            tools = received.json() == null ? ResponsesTools.none() : ResponsesTools.of(received.json().get("tools"));
        } catch (RuntimeException unreadable) {
            tools = ResponsesTools.none();
        }
        return new ResponsesAgentChannel(agent, tools, received.model());
    }

    static ObjectMapper json() {
        return JSON;
    }
}
