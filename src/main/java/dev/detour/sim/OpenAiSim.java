package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The OpenAI Chat Completions API, simulated: {@code POST {base}/chat/completions} (streaming and not, text and tool
 * calls) and {@code GET {base}/models}, under any path prefix (OpenAI's {@code /v1}, or none as some gateways have).
 * Replies follow the same {@link ReplyScript} as the Anthropic sim, so an agent does the same tool round trip through
 * either family. Like the real API it answers 401 to a request without a bearer key.
 */
public final class OpenAiSim implements SimFamily {
    static final List<String> MODELS = List.of("gpt-5", "gpt-5-mini", "gpt-4.1");
    private static final long CREATED = 1_764_400_000L;
    private final String name;
    private final AtomicLong ids = new AtomicLong();

    /** @param name how the sim introduces itself in its answers (tests tell upstreams apart by it) */
    public OpenAiSim(String name) {
        this.name = name;
    }

    @Override
    public void handle(SimExchange exchange) throws IOException {
        SimRequest request = exchange.request();
        String auth = request.header("authorization");
        if (auth == null || !auth.startsWith("Bearer ") || auth.length() <= "Bearer ".length()) {
            errorReply(exchange, 401, "You didn't provide an API key. You need to provide your API key in an "
                    + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                    "invalid_request_error", "invalid_api_key", null);
            return;
        }
        if (request.method().equals("POST") && request.path().endsWith("/chat/completions")) {
            completions(exchange);
        } else if (request.routeMethod().equals("GET") && request.path().endsWith("/models")) {
            models(exchange);
        } else {
            errorReply(exchange, 404, "Invalid URL (" + request.method() + " " + request.path() + ")",
                    "invalid_request_error", null, null);
        }
    }

    @Override
    public void error(SimExchange exchange, int status, Integer retryAfterS) throws IOException {
        switch (status) {
            case 401 -> errorReply(exchange, 401, "Incorrect API key provided: sk-sim***. You can find your API key at "
                    + "https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key", retryAfterS);
            case 429 -> errorReply(exchange, 429, "Rate limit reached for gpt-5 in organization org-sim on tokens per "
                    + "min (TPM): Limit 30000, Used 30000, Requested 1200.", "tokens", "rate_limit_exceeded", retryAfterS);
            case 503 -> errorReply(exchange, 503, "The engine is currently overloaded, please try again later",
                    "server_error", null, retryAfterS);
            default -> errorReply(exchange, status, status >= 500
                    ? "The server had an error while processing your request. Sorry about that! (" + name + ")"
                    : "Simulated " + status + " from " + name, status >= 500 ? "server_error" : "invalid_request_error",
                    null, retryAfterS);
        }
    }

    private void completions(SimExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = SimServer.JSON.readTree(exchange.request().body());
        } catch (IOException notJson) {
            errorReply(exchange, 400, "We could not parse the JSON body of your request.", "invalid_request_error", null, null);
            return;
        }
        if (body == null || !body.path("messages").isArray() || body.path("messages").isEmpty() || !body.hasNonNull("model")) {
            errorReply(exchange, 400, "Missing required parameter: 'messages'.", "invalid_request_error",
                    "missing_required_parameter", null);
            return;
        }
        if (body.has("max_tokens") && body.path("model").asText().startsWith("gpt-5")) {
            errorReply(exchange, 400, "Unsupported parameter: 'max_tokens' is not supported with this model. "
                    + "Use 'max_completion_tokens' instead.", "invalid_request_error", "unsupported_parameter", null);
            return;
        }
        String id = "chatcmpl-sim" + ids.incrementAndGet();
        ReplyScript.Reply reply = ReplyScript.reply(name, asScriptRequest(body), "call_sim_" + ids.get());
        long promptTokens = Math.max(1, exchange.request().body().length / 4);
        if (body.path("stream").asBoolean(false)) {
            stream(exchange, id, body.path("model").asText(), reply, promptTokens,
                    body.path("stream_options").path("include_usage").asBoolean(false));
        } else {
            reply(exchange, 200, completion(id, body.path("model").asText(), reply, promptTokens));
        }
    }

    /**
     * The request in the shape {@link ReplyScript} reads: the tool names and the newest user or tool message (Claude
     * Code's per-turn system messages come after the user's words), a tool message counting as a tool result.
     */
    static ObjectNode asScriptRequest(JsonNode chat) {
        ObjectNode script = SimServer.JSON.createObjectNode();
        ArrayNode tools = script.putArray("tools");
        chat.path("tools").forEach(t -> tools.addObject().put("name", t.path("function").path("name").asText()));
        ArrayNode messages = script.putArray("messages");
        JsonNode all = chat.path("messages");
        JsonNode last = SimServer.JSON.createObjectNode();
        for (int i = all.size() - 1; i >= 0; i--) {
            String role = all.get(i).path("role").asText();
            if (role.equals("user") || role.equals("tool")) {
                last = all.get(i);
                break;
            }
        }
        ObjectNode user = messages.addObject().put("role", "user");
        if ("tool".equals(last.path("role").asText())) {
            user.putArray("content").addObject().put("type", "tool_result").put("content", last.path("content").asText());
        } else {
            user.set("content", last.path("content"));
        }
        return script;
    }

    private void stream(SimExchange exchange, String id, String model, ReplyScript.Reply reply, long promptTokens,
                        boolean includeUsage) throws IOException {
        exchange.frameEventsAs(EventFraming.OPENAI_SSE);
        exchange.startEvents(requestId());
        ObjectNode role = chunk(id, model);
        role.withArray("choices").addObject().put("index", 0).putNull("finish_reason")
                .putObject("delta").put("role", "assistant").put("content", "");
        exchange.event(null, role.toString());
        int completionTokens = 0;
        int toolIndex = 0;
        for (ReplyScript.Block block : reply.blocks()) {
            if (block instanceof ReplyScript.Text text) {
                for (String piece : ReplyScript.pieces(text.text())) {
                    ObjectNode chunk = chunk(id, model);
                    chunk.withArray("choices").addObject().put("index", 0).putNull("finish_reason")
                            .putObject("delta").put("content", piece);
                    exchange.contentEvent(null, chunk.toString());
                    completionTokens++;
                }
            } else if (block instanceof ReplyScript.ToolUse tool) {
                ObjectNode head = chunk(id, model);
                ObjectNode call = head.withArray("choices").addObject().put("index", 0).putNull("finish_reason")
                        .putObject("delta").putArray("tool_calls").addObject();
                call.put("index", toolIndex).put("id", tool.id()).put("type", "function");
                call.putObject("function").put("name", tool.name()).put("arguments", "");
                exchange.event(null, head.toString());
                String json = tool.input().toString();
                int third = Math.max(1, json.length() / 3);
                for (String part : List.of(json.substring(0, third), json.substring(third, 2 * third), json.substring(2 * third))) {
                    ObjectNode chunk = chunk(id, model);
                    ObjectNode args = chunk.withArray("choices").addObject().put("index", 0).putNull("finish_reason")
                            .putObject("delta").putArray("tool_calls").addObject();
                    args.put("index", toolIndex).putObject("function").put("arguments", part);
                    exchange.contentEvent(null, chunk.toString());
                    completionTokens++;
                }
                toolIndex++;
            }
        }
        ObjectNode finish = chunk(id, model);
        finish.withArray("choices").addObject().put("index", 0)
                .put("finish_reason", toolIndex > 0 ? "tool_calls" : "stop").putObject("delta");
        exchange.event(null, finish.toString());
        if (includeUsage) {
            ObjectNode usage = chunk(id, model);
            usage.putArray("choices");
            usage.set("usage", usage(promptTokens, completionTokens));
            exchange.event(null, usage.toString());
        }
        exchange.event(null, "[DONE]");
        exchange.endEvents();
    }

    private static ObjectNode chunk(String id, String model) {
        return SimServer.JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                .put("created", CREATED).put("model", model).putNull("system_fingerprint");
    }

    private static ObjectNode completion(String id, String model, ReplyScript.Reply reply, long promptTokens) {
        ObjectNode completion = SimServer.JSON.createObjectNode().put("id", id).put("object", "chat.completion")
                .put("created", CREATED).put("model", model);
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        StringBuilder text = new StringBuilder();
        ArrayNode calls = SimServer.JSON.createArrayNode();
        int completionTokens = 0;
        for (ReplyScript.Block block : reply.blocks()) {
            if (block instanceof ReplyScript.Text t) {
                text.append(t.text());
                completionTokens += ReplyScript.pieces(t.text()).size();
            } else if (block instanceof ReplyScript.ToolUse tool) {
                ObjectNode call = calls.addObject().put("id", tool.id()).put("type", "function");
                call.putObject("function").put("name", tool.name()).put("arguments", tool.input().toString());
                completionTokens += 3;
            }
        }
        message.put("content", text.toString()).putNull("refusal");
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        choice.put("finish_reason", calls.isEmpty() ? "stop" : "tool_calls");
        completion.set("usage", usage(promptTokens, completionTokens));
        return completion;
    }

    private static ObjectNode usage(long promptTokens, long completionTokens) {
        return SimServer.JSON.createObjectNode().put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens).put("total_tokens", promptTokens + completionTokens);
    }

    private void models(SimExchange exchange) throws IOException {
        ObjectNode list = SimServer.JSON.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        MODELS.forEach(id -> data.addObject().put("id", id).put("object", "model").put("created", CREATED)
                .put("owned_by", name));
        reply(exchange, 200, list);
    }

    private static void reply(SimExchange exchange, int status, JsonNode body) throws IOException {
        Map<String, String> headers = requestId();
        headers.put("Content-Type", "application/json");
        exchange.reply(status, headers, SimServer.JSON.writeValueAsBytes(body));
    }

    private static void errorReply(SimExchange exchange, int status, String message, String type, String code,
                                   Integer retryAfterS) throws IOException {
        ObjectNode body = SimServer.JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type).putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        Map<String, String> headers = requestId();
        headers.put("Content-Type", "application/json");
        if (retryAfterS != null) {
            headers.put("retry-after", String.valueOf(retryAfterS));
        }
        exchange.reply(status, headers, SimServer.JSON.writeValueAsBytes(body));
    }

    private static Map<String, String> requestId() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-request-id", "req_" + UUID.randomUUID().toString().replace("-", ""));
        return headers;
    }
}
