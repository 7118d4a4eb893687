package dev.detour.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.detour.wire.SseDecoder;
import dev.detour.wire.SseEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Translates an OpenAI Responses event stream into Anthropic stream events, incrementally: feed it the upstream's
 * bytes as they arrive and send on what it returns.
 *
 * <p>Each {@code message} item becomes a text block and each {@code function_call} item a {@code tool_use} block, in
 * output order (the Responses API streams its items one after another); reasoning items are dropped. The stream ends
 * at {@code response.completed} or {@code response.incomplete} (a stop reason); {@code response.failed}, an
 * {@code error} event, or bytes that end before either become an {@code error} event the agent retries, never a
 * {@code message_stop}. Not thread-safe: one instance per stream.
 */
public final class ResponsesToMessagesStream implements IncrementalStream {
    private static final String CUT = "the openai upstream ended the stream before response.completed (cut mid-answer)";

    private enum Open { NONE, TEXT, TOOL }

    /** The event types this translator reads; the rest (done events, content parts, reasoning) it skips. */
    private static final Set<String> READ = Set.of("response.created", "response.in_progress", "response.queued",
            "response.output_item.added", "response.output_text.delta", "response.refusal.delta",
            "response.function_call_arguments.delta", "response.output_item.done", "response.completed",
            "response.incomplete", "response.failed", "error");

    private final SseDecoder decoder = new SseDecoder();
    private final String requestedModel;
    private boolean started;
    private boolean terminated;
    private boolean completed;
    private boolean refused;
    private boolean calledTools;
    private int nextIndex;
    private Open open = Open.NONE;
    private int openOutput = -1;
    private boolean openStreamed;

    /** @param requestedModel named in {@code message_start} when the upstream's events do not name their model */
    public ResponsesToMessagesStream(String requestedModel) {
        this.requestedModel = requestedModel;
    }

    /** Feeds upstream bytes; returns the Anthropic events they complete. */
    @Override
    public List<SseEvent> feed(byte[] bytes, int offset, int length) {
        List<SseEvent> out = new ArrayList<>(4);
        for (SseEvent frame : decoder.feed(bytes, offset, length)) {
            onEvent(frame, out);
        }
        return out;
    }

    /** The upstream closed the stream: an unfinished answer ends with an error event. */
    @Override
    public List<SseEvent> end() {
        List<SseEvent> out = new ArrayList<>(4);
        for (SseEvent frame : decoder.finish()) {
            onEvent(frame, out);
        }
        if (!terminated) {
            error(StreamTranslator.BROKEN, CUT, out);
        }
        return out;
    }

    /** True once {@code message_stop} was produced: the reply is whole. */
    public boolean completed() {
        return completed;
    }

    /** True once the stream produced its last event ({@code message_stop} or {@code error}). */
    @Override
    public boolean terminated() {
        return terminated;
    }

    private void onEvent(SseEvent frame, List<SseEvent> out) {
        if (terminated || (frame.name() != null && !READ.contains(frame.name())) || "[DONE]".equals(frame.data().strip())) {
            return; // the events that only repeat what the deltas said are not even parsed
        }
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(frame.data());
        } catch (JsonProcessingException e) {
            error(StreamTranslator.BROKEN, "the openai upstream sent an event that is not JSON: " + ErrorTranslator.snippet(frame.data()), out);
            return;
        }
        if (event == null || !event.isObject()) {
            error(StreamTranslator.BROKEN, "the openai upstream sent an event that is not a JSON object", out);
            return;
        }
        String type = Json.text(event, "type");
        if (type == null) {
            type = String.valueOf(frame.name());
        }
        switch (type) {
            case "response.created", "response.in_progress", "response.queued" -> start(event.path("response"), out);
            case "response.output_item.added" -> itemAdded(event, out);
            case "response.output_text.delta" -> text(event.path("output_index").asInt(0), Json.text(event, "delta"), out);
            case "response.refusal.delta" -> {
                refused = true;
                text(event.path("output_index").asInt(0), Json.text(event, "delta"), out);
            }
            case "response.function_call_arguments.delta" -> arguments(event, Json.text(event, "delta"), out);
            case "response.output_item.done" -> itemDone(event, out);
            case "response.completed" -> finish(event.path("response"), false, out);
            case "response.incomplete" -> finish(event.path("response"), true, out);
            case "response.failed" -> {
                JsonNode error = event.path("response").path("error");
                failed(error.isObject() ? error : Json.object().put("message", "the openai upstream reported response.failed"), out);
            }
            case "error" -> failed(event.has("error") ? event.get("error") : event, out);
            default -> {
                // content_part and *.done events repeat what the deltas said; reasoning events stay behind
            }
        }
    }

    private void start(JsonNode response, List<SseEvent> out) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode event = Json.object().put("type", "message_start");
        ObjectNode message = event.putObject("message");
        message.put("id", ResponseTranslator.messageId(Json.text(response, "id")));
        message.put("type", "message").put("role", "assistant");
        String model = Json.text(response, "model");
        message.put("model", model == null || model.isEmpty() ? requestedModel : model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
        out.add(new SseEvent("message_start", event));
    }

    private void itemAdded(JsonNode event, List<SseEvent> out) {
        JsonNode item = event.path("item");
        if (!"function_call".equals(Json.text(item, "type"))) {
            return;
        }
        start(Json.object(), out);
        closeOpen(out);
        calledTools = true;
        ObjectNode block = Json.object().put("type", "tool_use");
        block.put("id", ToolCallIds.sanitize(Json.text(item, "call_id")));
        block.put("name", item.path("name").asText(""));
        block.putObject("input");
        out.add(new SseEvent("content_block_start", blockStart(block)));
        open = Open.TOOL;
        openOutput = event.path("output_index").asInt(0);
        openStreamed = false;
        arguments(event, Json.text(item, "arguments"), out);
    }

    private void text(int output, String text, List<SseEvent> out) {
        if (text == null || text.isEmpty()) {
            return;
        }
        start(Json.object(), out);
        if (open != Open.TEXT || openOutput != output) {
            closeOpen(out);
            out.add(new SseEvent("content_block_start", blockStart(Json.object().put("type", "text").put("text", ""))));
            open = Open.TEXT;
            openOutput = output;
        }
        openStreamed = true;
        out.add(MessageEvents.delta(nextIndex, "text_delta", "text", text));
    }

    private void arguments(JsonNode event, String arguments, List<SseEvent> out) {
        if (arguments == null || arguments.isEmpty()) {
            return;
        }
        if (open != Open.TOOL || openOutput != event.path("output_index").asInt(0)) {
            error(StreamTranslator.BROKEN, "the openai upstream sent arguments for a function call that is not open", out);
            return;
        }
        openStreamed = true;
        out.add(MessageEvents.delta(nextIndex, "input_json_delta", "partial_json", arguments));
    }

    /** A finished item whose content never came as deltas (a server that sends items whole) is sent now. */
    private void itemDone(JsonNode event, List<SseEvent> out) {
        int output = event.path("output_index").asInt(0);
        JsonNode item = event.path("item");
        String type = String.valueOf(Json.text(item, "type"));
        boolean isOpen = open != Open.NONE && openOutput == output;
        if ("message".equals(type) && !(isOpen && openStreamed)) {
            for (JsonNode part : item.path("content")) {
                refused |= "refusal".equals(Json.text(part, "type"));
                text(output, part.has("refusal") ? Json.text(part, "refusal") : Json.text(part, "text"), out);
            }
        } else if ("function_call".equals(type)) {
            if (!isOpen) {
                itemAdded(Json.object().put("output_index", output).set("item", item.deepCopy()), out);
            } else if (!openStreamed) {
                arguments(event, Json.text(item, "arguments"), out);
            }
        }
        if (open != Open.NONE && openOutput == output) {
            closeOpen(out);
        }
    }

    private void closeOpen(List<SseEvent> out) {
        if (open == Open.NONE) {
            return;
        }
        out.add(new SseEvent("content_block_stop", Json.object().put("type", "content_block_stop").put("index", nextIndex)));
        nextIndex++;
        open = Open.NONE;
        openOutput = -1;
    }

    private void finish(JsonNode response, boolean incomplete, List<SseEvent> out) {
        start(response, out);
        closeOpen(out);
        String reason = response.path("incomplete_details").path("reason").asText("");
        String stop;
        if (refused || "content_filter".equals(reason)) {
            stop = "refusal";
        } else if (incomplete) {
            stop = "max_tokens";
        } else {
            stop = calledTools ? "tool_use" : "end_turn";
        }
        ObjectNode delta = Json.object().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", stop).putNull("stop_sequence");
        delta.set("usage", ResponsesUsage.toAnthropic(response.path("usage")));
        out.add(new SseEvent("message_delta", delta));
        out.add(new SseEvent("message_stop", Json.object().put("type", "message_stop")));
        terminated = true;
        completed = true;
    }

    private void failed(JsonNode error, List<SseEvent> out) {
        ErrorTranslator.Translated t = ErrorTranslator.midStream(error);
        error(t.type(), t.message(), out);
    }

    private void error(String type, String message, List<SseEvent> out) {
        out.add(MessageEvents.error(type, message));
        terminated = true;
    }

    private ObjectNode blockStart(ObjectNode block) {
        return MessageEvents.blockStart(nextIndex, block);
    }
}
