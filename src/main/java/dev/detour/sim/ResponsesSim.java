package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The OpenAI Responses API, simulated: {@code POST {base}/responses} (streaming and not, text and function calls) and
 * {@code GET {base}/models}, under any path prefix. Replies follow the same {@link ReplyScript} as the other sims, so
 * Codex does a shell-tool round trip ({@code exec_command}) and Claude Code a {@code Read} one through it. Streams
 * have the shape Codex accepts (checked against Codex 0.169): {@code response.created}, one item after another with
 * its deltas, {@code response.completed} with usage. Errors, and the 401 for a request without a bearer key, are the
 * Chat Completions sim's: both APIs share OpenAI's error body.
 */
public final class ResponsesSim implements SimFamily {
    private final String name;
    private final OpenAiSim errors;
    private final AtomicLong ids = new AtomicLong();

    /** @param name how the sim introduces itself in its answers (tests tell upstreams apart by it) */
    public ResponsesSim(String name) {
        this.name = name;
        this.errors = new OpenAiSim(name);
    }

    @Override
    public void handle(SimExchange exchange) throws IOException {
        SimRequest request = exchange.request();
        String auth = request.header("authorization");
        if (auth == null || !auth.startsWith("Bearer ") || auth.length() <= "Bearer ".length()) {
            errors.error(exchange, 401, null);
            return;
        }
        if (request.method().equals("POST") && request.path().endsWith("/responses")) {
            responses(exchange);
        } else if (request.method().equals("GET") && request.path().endsWith("/models")) {
            errors.handle(exchange);
        } else {
            errors.error(exchange, 404, null);
        }
    }

    @Override
    public void error(SimExchange exchange, int status, Integer retryAfterS) throws IOException {
        errors.error(exchange, status, retryAfterS);
    }

    private void responses(SimExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = SimServer.JSON.readTree(exchange.request().body());
        } catch (IOException notJson) {
            errors.error(exchange, 400, null);
            return;
        }
        if (body == null || !body.hasNonNull("model") || !(body.path("input").isArray() || body.path("input").isTextual())) {
            errors.error(exchange, 400, null);
            return;
        }
        long n = ids.incrementAndGet();
        String id = "resp_sim" + n;
        String model = body.path("model").asText();
        ReplyScript.Reply reply = ReplyScript.reply(name, asScriptRequest(body), "call_sim_" + n);
        long inputTokens = Math.max(1, exchange.request().body().length / 4);
        if (body.path("stream").asBoolean(false)) {
            stream(exchange, id, model, reply, inputTokens);
        } else {
            Map<String, String> headers = requestId();
            headers.put("Content-Type", "application/json");
            ObjectNode response = response(id, model, "completed");
            ArrayNode output = response.putArray("output");
            long outputTokens = 0;
            int index = 0;
            for (ReplyScript.Block block : reply.blocks()) {
                output.add(item(block, id, index++, true));
                outputTokens += block instanceof ReplyScript.Text t ? ReplyScript.pieces(t.text()).size() : 3;
            }
            response.set("usage", usage(inputTokens, outputTokens));
            exchange.reply(200, headers, SimServer.JSON.writeValueAsBytes(response));
        }
    }

    /** The request in the shape {@link ReplyScript} reads: tool names, and the newest user words or tool output. */
    static ObjectNode asScriptRequest(JsonNode responses) {
        ObjectNode script = SimServer.JSON.createObjectNode();
        ArrayNode tools = script.putArray("tools");
        for (JsonNode tool : responses.path("tools")) {
            tools.addObject().put("name", tool.path("name").asText());
            tool.path("tools").forEach(inner -> tools.addObject().put("name", inner.path("name").asText()));
        }
        ObjectNode user = script.putArray("messages").addObject().put("role", "user");
        JsonNode input = responses.path("input");
        if (input.isTextual()) {
            user.put("content", input.asText());
            return script;
        }
        for (int i = input.size() - 1; i >= 0; i--) {
            JsonNode item = input.get(i);
            String type = item.path("type").asText("message");
            if (type.endsWith("_call_output")) {
                JsonNode output = item.path("output");
                String text = output.isTextual() ? output.asText() : output.toString();
                user.putArray("content").addObject().put("type", "tool_result").put("content", text);
                return script;
            }
            if (type.equals("message") && "user".equals(item.path("role").asText())) {
                JsonNode content = item.path("content");
                if (content.isTextual()) {
                    user.put("content", content.asText());
                } else {
                    ArrayNode blocks = user.putArray("content");
                    content.forEach(part -> blocks.addObject().put("type", "text").put("text", part.path("text").asText("")));
                }
                return script;
            }
        }
        user.put("content", "");
        return script;
    }

    private void stream(SimExchange exchange, String id, String model, ReplyScript.Reply reply, long inputTokens)
            throws IOException {
        exchange.startEvents(requestId());
        long[] sequence = {0};
        ObjectNode created = SimServer.JSON.createObjectNode();
        created.set("response", response(id, model, "in_progress"));
        event(exchange, "response.created", created, sequence, false);
        event(exchange, "response.in_progress", created.deepCopy(), sequence, false);
        ArrayNode output = SimServer.JSON.createArrayNode();
        long outputTokens = 0;
        int index = 0;
        for (ReplyScript.Block block : reply.blocks()) {
            ObjectNode added = SimServer.JSON.createObjectNode().put("output_index", index);
            added.set("item", item(block, id, index, false));
            event(exchange, "response.output_item.added", added, sequence, false);
            String itemId = added.path("item").path("id").asText();
            if (block instanceof ReplyScript.Text text) {
                for (String piece : ReplyScript.pieces(text.text())) {
                    event(exchange, "response.output_text.delta", SimServer.JSON.createObjectNode().put("item_id", itemId)
                            .put("output_index", index).put("content_index", 0).put("delta", piece), sequence, true);
                    outputTokens++;
                }
                event(exchange, "response.output_text.done", SimServer.JSON.createObjectNode().put("item_id", itemId)
                        .put("output_index", index).put("content_index", 0).put("text", text.text()), sequence, false);
            } else if (block instanceof ReplyScript.ToolUse tool) {
                String json = tool.input().toString();
                int third = Math.max(1, json.length() / 3);
                for (String part : new String[]{json.substring(0, third), json.substring(third, 2 * third), json.substring(2 * third)}) {
                    event(exchange, "response.function_call_arguments.delta", SimServer.JSON.createObjectNode()
                            .put("item_id", itemId).put("output_index", index).put("delta", part), sequence, true);
                    outputTokens++;
                }
                event(exchange, "response.function_call_arguments.done", SimServer.JSON.createObjectNode()
                        .put("item_id", itemId).put("output_index", index).put("arguments", json), sequence, false);
            }
            JsonNode done = item(block, id, index, true);
            output.add(done);
            ObjectNode itemDone = SimServer.JSON.createObjectNode().put("output_index", index);
            itemDone.set("item", done);
            event(exchange, "response.output_item.done", itemDone, sequence, false);
            index++;
        }
        ObjectNode completed = response(id, model, "completed");
        completed.set("output", output);
        completed.set("usage", usage(inputTokens, outputTokens));
        ObjectNode data = SimServer.JSON.createObjectNode();
        data.set("response", completed);
        event(exchange, "response.completed", data, sequence, false);
        exchange.endEvents();
    }

    private static void event(SimExchange exchange, String type, ObjectNode fields, long[] sequence, boolean content)
            throws IOException {
        ObjectNode data = SimServer.JSON.createObjectNode().put("type", type).put("sequence_number", sequence[0]++);
        data.setAll(fields);
        if (content) {
            exchange.contentEvent(type, data.toString());
        } else {
            exchange.event(type, data.toString());
        }
    }

    private static ObjectNode item(ReplyScript.Block block, String responseId, int index, boolean done) {
        ObjectNode item = SimServer.JSON.createObjectNode();
        if (block instanceof ReplyScript.ToolUse tool) {
            item.put("id", "fc_" + responseId + "_" + index).put("type", "function_call")
                    .put("status", done ? "completed" : "in_progress").put("call_id", tool.id()).put("name", tool.name())
                    .put("arguments", done ? tool.input().toString() : "");
        } else {
            item.put("id", "msg_" + responseId + "_" + index).put("type", "message")
                    .put("status", done ? "completed" : "in_progress").put("role", "assistant");
            ArrayNode content = item.putArray("content");
            if (done) {
                content.addObject().put("type", "output_text").put("text", ((ReplyScript.Text) block).text()).putArray("annotations");
            }
        }
        return item;
    }

    private static ObjectNode response(String id, String model, String status) {
        ObjectNode response = SimServer.JSON.createObjectNode().put("id", id).put("object", "response")
                .put("created_at", Instant.now().getEpochSecond()).put("status", status).put("model", model);
        response.putArray("output");
        response.putNull("error");
        response.putNull("incomplete_details");
        response.putNull("usage");
        return response;
    }

    private static ObjectNode usage(long input, long output) {
        ObjectNode usage = SimServer.JSON.createObjectNode().put("input_tokens", input);
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.put("output_tokens", output);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        usage.put("total_tokens", input + output);
        return usage;
    }

    private static Map<String, String> requestId() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-request-id", "req_" + UUID.randomUUID().toString().replace("-", ""));
        return headers;
    }
}
