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

/** The Anthropic Messages API, simulated: messages (streaming and not), count_tokens, models. */
public final class AnthropicSim implements SimFamily {
    private static final List<String> MODELS = List.of("claude-opus-4-1", "claude-sonnet-4-5", "claude-haiku-4-5");
    private final String name;
    private final AtomicLong ids = new AtomicLong();

    /** @param name how the sim introduces itself in its answers (tests tell upstreams apart by it) */
    public AnthropicSim(String name) {
        this.name = name;
    }

    @Override
    public void handle(SimExchange exchange) throws IOException {
        SimRequest request = exchange.request();
        String route = request.routeMethod() + " " + request.path();
        if (route.equals("POST /v1/messages")) {
            messages(exchange);
        } else if (route.equals("POST /v1/messages/count_tokens")) {
            JsonNode body = json(exchange);
            if (body != null) {
                reply(exchange, 200, SimServer.JSON.createObjectNode().put("input_tokens", tokens(request)));
            }
        } else if (route.equals("GET /v1/models")) {
            models(exchange);
        } else if (request.routeMethod().equals("GET") && request.path().startsWith("/v1/models/")
                && MODELS.contains(request.path().substring("/v1/models/".length()))) {
            reply(exchange, 200, model(request.path().substring("/v1/models/".length())));
        } else {
            errorReply(exchange, 404, "not_found_error", "Not found: " + request.path(), null);
        }
    }

    @Override
    public void error(SimExchange exchange, int status, Integer retryAfterS) throws IOException {
        String type = switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
        String message = switch (status) {
            case 529 -> "Overloaded";
            case 429 -> "Number of request tokens has exceeded your per-minute rate limit";
            case 401 -> "invalid x-api-key";
            default -> "Simulated " + status + " from " + name;
        };
        errorReply(exchange, status, type, message, retryAfterS);
    }

    private void messages(SimExchange exchange) throws IOException {
        JsonNode body = json(exchange);
        if (body == null) {
            return;
        }
        if (!body.path("messages").isArray() || !body.hasNonNull("model")) {
            errorReply(exchange, 400, "invalid_request_error", "messages: Field required", null);
            return;
        }
        answer(exchange, body);
    }

    /** Answers a Messages body that passed the wire checks (the cloud sims call this after their own checks). */
    void answer(SimExchange exchange, JsonNode body) throws IOException {
        String refused = ThinkingSignatures.refusal(name, body);
        if (refused != null) {
            errorReply(exchange, 400, "invalid_request_error", refused, null);
            return;
        }
        String model = body.path("model").asText();
        ReplyScript.Reply reply = ReplyScript.reply(name, body, "toolu_sim_" + ids.incrementAndGet());
        int inputTokens = tokens(exchange.request());
        if (body.path("stream").asBoolean(false)) {
            stream(exchange, model, reply, inputTokens);
        } else {
            reply(exchange, 200, message(model, reply, inputTokens));
        }
    }

    private void stream(SimExchange exchange, String model, ReplyScript.Reply reply, int inputTokens) throws IOException {
        exchange.startEvents(requestId());
        ObjectNode start = SimServer.JSON.createObjectNode().put("type", "message_start");
        ObjectNode message = start.putObject("message");
        message.put("id", "msg_sim_" + UUID.randomUUID().toString().replace("-", "")).put("type", "message")
                .put("role", "assistant").put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", 1);
        exchange.event("message_start", start.toString());
        exchange.event("ping", "{\"type\":\"ping\"}");
        int outputTokens = 0;
        for (int index = 0; index < reply.blocks().size(); index++) {
            ReplyScript.Block block = reply.blocks().get(index);
            ObjectNode blockStart = SimServer.JSON.createObjectNode().put("type", "content_block_start").put("index", index);
            if (block instanceof ReplyScript.Text text) {
                blockStart.putObject("content_block").put("type", "text").put("text", "");
                exchange.event("content_block_start", blockStart.toString());
                for (String piece : ReplyScript.pieces(text.text())) {
                    ObjectNode delta = SimServer.JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
                    delta.putObject("delta").put("type", "text_delta").put("text", piece);
                    exchange.contentEvent("content_block_delta", delta.toString());
                    outputTokens++;
                }
            } else if (block instanceof ReplyScript.ToolUse tool) {
                ObjectNode content = blockStart.putObject("content_block").put("type", "tool_use")
                        .put("id", tool.id()).put("name", tool.name());
                content.putObject("input");
                exchange.event("content_block_start", blockStart.toString());
                String json = tool.input().toString();
                int half = json.length() / 2;
                for (String part : List.of(json.substring(0, half), json.substring(half))) {
                    ObjectNode delta = SimServer.JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
                    delta.putObject("delta").put("type", "input_json_delta").put("partial_json", part);
                    exchange.contentEvent("content_block_delta", delta.toString());
                    outputTokens++;
                }
            }
            exchange.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
        }
        ObjectNode messageDelta = SimServer.JSON.createObjectNode().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", reply.stopReason()).putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", outputTokens);
        exchange.event("message_delta", messageDelta.toString());
        exchange.event("message_stop", "{\"type\":\"message_stop\"}");
        exchange.endEvents();
    }

    private ObjectNode message(String model, ReplyScript.Reply reply, int inputTokens) {
        ObjectNode message = SimServer.JSON.createObjectNode();
        message.put("id", "msg_sim_" + UUID.randomUUID().toString().replace("-", "")).put("type", "message")
                .put("role", "assistant").put("model", model);
        ArrayNode content = message.putArray("content");
        int outputTokens = 0;
        for (ReplyScript.Block block : reply.blocks()) {
            if (block instanceof ReplyScript.Text text) {
                content.addObject().put("type", "text").put("text", text.text());
                outputTokens += ReplyScript.pieces(text.text()).size();
            } else if (block instanceof ReplyScript.ToolUse tool) {
                content.addObject().put("type", "tool_use").put("id", tool.id()).put("name", tool.name())
                        .set("input", tool.input());
                outputTokens += 2;
            }
        }
        message.put("stop_reason", reply.stopReason()).putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", outputTokens);
        return message;
    }

    private void models(SimExchange exchange) throws IOException {
        ObjectNode page = SimServer.JSON.createObjectNode();
        ArrayNode data = page.putArray("data");
        MODELS.forEach(id -> data.add(model(id)));
        page.put("has_more", false).put("first_id", MODELS.get(0)).put("last_id", MODELS.get(MODELS.size() - 1));
        reply(exchange, 200, page);
    }

    private static ObjectNode model(String id) {
        return SimServer.JSON.createObjectNode().put("type", "model").put("id", id)
                .put("display_name", id.replace('-', ' ')).put("created_at", "2025-09-29T00:00:00Z");
    }

    /** The request body as JSON, or null after answering 400 for a body that is not JSON. */
    private static JsonNode json(SimExchange exchange) throws IOException {
        try {
            return SimServer.JSON.readTree(exchange.request().body());
        } catch (IOException notJson) {
            errorReply(exchange, 400, "invalid_request_error", "The request body is not valid JSON", null);
            return null;
        }
    }

    private static int tokens(SimRequest request) {
        return Math.max(1, request.body().length / 4);
    }

    private static void reply(SimExchange exchange, int status, JsonNode body) throws IOException {
        Map<String, String> headers = requestId();
        headers.put("Content-Type", "application/json");
        exchange.reply(status, headers, SimServer.JSON.writeValueAsBytes(body));
    }

    private static void errorReply(SimExchange exchange, int status, String type, String message, Integer retryAfterS)
            throws IOException {
        ObjectNode body = SimServer.JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        body.put("request_id", "req_sim_" + UUID.randomUUID().toString().replace("-", ""));
        Map<String, String> headers = requestId();
        headers.put("Content-Type", "application/json");
        if (retryAfterS != null) {
            headers.put("retry-after", String.valueOf(retryAfterS));
        }
        if (status == 529 || status >= 500 || status == 429 || status == 408 || status == 409) {
            headers.put("x-should-retry", "true");
        }
        exchange.reply(status, headers, SimServer.JSON.writeValueAsBytes(body));
    }

    private static Map<String, String> requestId() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("request-id", "req_sim_" + UUID.randomUUID().toString().replace("-", ""));
        return headers;
    }
}
