package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.detour.wire.SseDecoder;
import dev.detour.wire.SseEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates Anthropic stream events (the bridge's canonical form) into the OpenAI Responses events a Codex agent
 * reads, one event at a time: a text block becomes a {@code message} item, a {@code tool_use} block a
 * {@code function_call} item (or a {@code custom_tool_call} for a free-form tool, see {@link ResponsesTools}),
 * thinking blocks are dropped. {@code message_stop} becomes {@code response.completed} ({@code response.incomplete}
 * when the answer hit its token limit or was refused); an {@code error} event, or an end without
 * {@code message_stop}, becomes {@code response.failed}: never a made-up {@code response.completed}, so the agent
 * retries. Not thread-safe: one instance per stream.
 */
public final class MessagesToResponsesStream {
    private enum Block { NONE, TEXT, TOOL, SKIPPED }

    private final ResponsesTools tools;
    private final String requestedModel;
    private final long createdAt = Instant.now().getEpochSecond();
    private final ArrayNode output = Json.NODES.arrayNode();
    private String responseId;
    private String model;
    private long sequence;
    private boolean terminated;
    private Block block = Block.NONE;
    private ObjectNode item;
    private final StringBuilder content = new StringBuilder();
    private String stopReason;
    private ObjectNode usage = Json.object();

    /**
     * @param tools          the agent's tools, to write each call back in the shape its tool has
     * @param requestedModel the model the agent asked for, named in every response object
     */
    public MessagesToResponsesStream(ResponsesTools tools, String requestedModel) {
        this.tools = tools;
        this.requestedModel = requestedModel;
    }

    /** The Responses events for one Anthropic event (none for pings and thinking). */
    public List<SseEvent> translate(SseEvent event) {
        List<SseEvent> out = new ArrayList<>(3);
        if (terminated) {
            return out;
        }
        JsonNode data = event.json();
        switch (event.type()) {
            case "message_start" -> start(data.path("message"), out);
            case "content_block_start" -> blockStart(data.path("content_block"), out);
            case "content_block_delta" -> delta(data.path("delta"), out);
            case "content_block_stop" -> blockStop(out);
            case "message_delta" -> {
                stopReason = Json.text(data.path("delta"), "stop_reason");
                data.path("usage").fields().forEachRemaining(f -> usage.set(f.getKey(), f.getValue()));
            }
            case "message_stop" -> finish(out);
            case "error" -> failed(Json.text(data.path("error"), "type"), Json.text(data.path("error"), "message"), out);
            default -> {
                // ping and unknown events have no Responses counterpart
            }
        }
        return out;
    }

    /** The canonical stream ended: an answer that did not finish ends as {@code response.failed}. */
    public List<SseEvent> end() {
        List<SseEvent> out = new ArrayList<>(2);
        if (!terminated) {
            failed(StreamTranslator.BROKEN, "the stream ended before the answer was complete; retry the request", out);
        }
        return out;
    }

    public boolean terminated() {
        return terminated;
    }

    private void start(JsonNode message, List<SseEvent> out) {
        if (responseId != null) {
            return;
        }
        String id = Json.text(message, "id");
        responseId = "resp_" + (id == null ? ToolCallIds.fresh().substring(6) : ToolCallIds.sanitize(id.replaceFirst("^msg_", "")));
        model = requestedModel != null ? requestedModel : Json.text(message, "model");
        message.path("usage").fields().forEachRemaining(f -> usage.set(f.getKey(), f.getValue()));
        out.add(event("response.created", Json.object().set("response", response("in_progress"))));
        out.add(event("response.in_progress", Json.object().set("response", response("in_progress"))));
    }

    private void blockStart(JsonNode block, List<SseEvent> out) {
        start(Json.object(), out);
        String type = String.valueOf(Json.text(block, "type"));
        content.setLength(0);
        if ("text".equals(type)) {
            this.block = Block.TEXT;
            item = Json.object().put("id", "msg_" + responseId.substring(5) + "_" + output.size()).put("type", "message")
                    .put("status", "in_progress").put("role", "assistant");
            item.putArray("content");
            out.add(itemEvent("response.output_item.added"));
            out.add(partEvent("response.content_part.added", ""));
            textDelta(block.path("text").asText(""), out);
        } else if ("tool_use".equals(type)) {
            this.block = Block.TOOL;
            String name = block.path("name").asText("");
            String callId = ToolCallIds.sanitize(Json.text(block, "id"));
            if (tools.kind(name) instanceof ResponsesTools.Custom) {
                item = Json.object().put("id", "ctc_" + callId).put("type", "custom_tool_call").put("status", "in_progress")
                        .put("call_id", callId).put("name", name).put("input", "");
            } else {
                item = Json.object().put("id", "fc_" + callId).put("type", "function_call").put("status", "in_progress")
                        .put("call_id", callId).put("name", name).put("arguments", "");
                String namespace = ((ResponsesTools.Function) tools.kind(name)).namespace();
                if (namespace != null) {
                    item.put("namespace", namespace);
                }
            }
            out.add(itemEvent("response.output_item.added"));
            JsonNode input = block.get("input");
            if (input != null && input.isObject() && !input.isEmpty()) {
                argumentsDelta(Json.write(input), out);
            }
        } else {
            this.block = Block.SKIPPED; // thinking stays with the family that made it; server tools ran there
        }
    }

    private void delta(JsonNode delta, List<SseEvent> out) {
        switch (String.valueOf(Json.text(delta, "type"))) {
            case "text_delta" -> {
                if (block == Block.TEXT) {
                    textDelta(delta.path("text").asText(""), out);
                }
            }
            case "input_json_delta" -> {
                if (block == Block.TOOL) {
                    argumentsDelta(delta.path("partial_json").asText(""), out);
                }
            }
            default -> {
                // thinking, signature and citation deltas have no Responses counterpart here
            }
        }
    }

    private void textDelta(String text, List<SseEvent> out) {
        if (text.isEmpty()) {
            return;
        }
        content.append(text);
        out.add(event("response.output_text.delta", itemRef().put("content_index", 0).put("delta", text)));
    }

    private void argumentsDelta(String json, List<SseEvent> out) {
        if (json.isEmpty()) {
            return;
        }
        content.append(json);
        if ("function_call".equals(Json.text(item, "type"))) {
            out.add(event("response.function_call_arguments.delta", itemRef().put("delta", json)));
        }
    }

    private void blockStop(List<SseEvent> out) {
        if (block == Block.TEXT) {
            out.add(event("response.output_text.done", itemRef().put("content_index", 0).put("text", content.toString())));
            out.add(partEvent("response.content_part.done", content.toString()));
            ((ArrayNode) item.get("content")).add(textPart(content.toString()));
            finishItem(out);
        } else if (block == Block.TOOL) {
            if ("custom_tool_call".equals(Json.text(item, "type"))) {
                String input = ToolArguments.parse(content.toString()).path(ResponsesTools.CUSTOM_INPUT).asText("");
                out.add(event("response.custom_tool_call_input.delta", itemRef().put("delta", input)));
                out.add(event("response.custom_tool_call_input.done", itemRef().put("input", input)));
                item.put("input", input);
            } else {
                String arguments = content.isEmpty() ? "{}" : content.toString();
                out.add(event("response.function_call_arguments.done", itemRef().put("arguments", arguments)));
                item.put("arguments", arguments);
            }
            finishItem(out);
        }
        block = Block.NONE;
    }

    private void finishItem(List<SseEvent> out) {
        item.put("status", "completed");
        out.add(itemEvent("response.output_item.done"));
        output.add(item);
        item = null;
    }

    private void finish(List<SseEvent> out) {
        start(Json.object(), out);
        boolean incomplete = "max_tokens".equals(stopReason) || "refusal".equals(stopReason);
        ObjectNode response = response(incomplete ? "incomplete" : "completed");
        if (incomplete) {
            response.putObject("incomplete_details").put("reason", "max_tokens".equals(stopReason) ? "max_output_tokens" : "content_filter");
        }
        response.set("output", output.deepCopy());
        response.set("usage", ResponsesUsage.toResponses(usage));
        out.add(event(incomplete ? "response.incomplete" : "response.completed", Json.object().set("response", response)));
        terminated = true;
    }

    private void failed(String anthropicType, String message, List<SseEvent> out) {
        start(Json.object(), out);
        ObjectNode response = response("failed");
        failure(response, anthropicType, message);
        response.set("output", output.deepCopy());
        out.add(event("response.failed", Json.object().set("response", response)));
        terminated = true;
    }

    /**
     * The {@code response.failed} that ends a Responses stream that was passed through unchanged (so this translator
     * never saw it) when the bridge has to cut it.
     */
    public static SseEvent failed(String responseId, String model, String anthropicType, String message) {
        ObjectNode response = Json.object().put("id", responseId).put("object", "response")
                .put("created_at", Instant.now().getEpochSecond()).put("status", "failed").put("model", model);
        failure(response, anthropicType, message);
        ObjectNode data = Json.object().put("type", "response.failed");
        data.set("response", response);
        return new SseEvent("response.failed", data);
    }

    private static void failure(ObjectNode response, String anthropicType, String message) {
        ObjectNode error = ResponsesErrors.error(anthropicType, message);
        response.putObject("error").put("code", error.path("code").asText()).put("message", error.path("message").asText());
    }

    private ObjectNode response(String status) {
        ObjectNode response = Json.object().put("id", responseId).put("object", "response").put("created_at", createdAt)
                .put("status", status).put("model", model);
        response.putArray("output");
        response.putNull("error");
        response.putNull("incomplete_details");
        response.putNull("usage");
        return response;
    }

    private ObjectNode itemRef() {
        return Json.object().put("item_id", Json.text(item, "id")).put("output_index", output.size());
    }

    private SseEvent itemEvent(String type) {
        ObjectNode data = Json.object().put("output_index", output.size());
        data.set("item", item.deepCopy());
        return event(type, data);
    }

    private SseEvent partEvent(String type, String text) {
        ObjectNode data = itemRef().put("content_index", 0);
        data.set("part", textPart(text));
        return event(type, data);
    }

    private static ObjectNode textPart(String text) {
        ObjectNode part = Json.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    /** The event with its {@code type} first and a {@code sequence_number}, as the Responses API sends them. */
    private SseEvent event(String type, ObjectNode fields) {
        ObjectNode data = Json.object().put("type", type).put("sequence_number", sequence++);
        data.setAll(fields);
        return new SseEvent(type, data);
    }
}
