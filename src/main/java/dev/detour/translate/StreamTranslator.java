package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.wire.SseDecoder;
import dev.detour.wire.SseEvent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Translates an OpenAI Chat Completions stream into Anthropic stream events, incrementally: feed it the upstream's
 * bytes as they arrive and send on what it returns.
 *
 * <p>Text and the first tool call stream live. Anthropic blocks cannot interleave, but OpenAI tool calls can (deltas
 * for several {@code index} values mixed), and a tool call is only known to be complete when the turn finishes; so a
 * tool call that starts while another block is open is gathered and sent whole, in index order, when the turn ends.
 *
 * <p>The turn ends at {@code [DONE]} (or at the end of the bytes) after a {@code finish_reason}; the usage chunk that
 * {@code stream_options.include_usage} adds comes between the two. A stream that ends without a finish reason was cut:
 * it becomes an {@code error} event ({@code overloaded_error}, which the agent retries), never a {@code message_stop}. Not thread-safe: one instance per stream.
 */
public final class StreamTranslator implements IncrementalStream {
    private static final String CUT = "the openai upstream ended the stream before a finish_reason (cut mid-answer)";
    /** The error type of a broken stream: Claude Code retries an {@code overloaded_error}, so its retry starts over. */
    static final String BROKEN = "overloaded_error";

    private enum Open { NONE, TEXT, TOOL }

    private static final class PendingTool {
        String id;
        String name = "";
        final StringBuilder arguments = new StringBuilder();
    }

    private final SseDecoder decoder = new SseDecoder();
    private final String requestedModel;
    private boolean started;
    private boolean terminated;
    private boolean completed;
    private String finishReason;
    private boolean refused;
    private boolean calledTools;
    private JsonNode usage;
    private int nextIndex;
    private Open open = Open.NONE;
    private int openTool = -1;
    private final Set<Integer> closedTools = new HashSet<>();
    private final Map<Integer, PendingTool> pending = new TreeMap<>();

    /** @param requestedModel named in {@code message_start} when the upstream's chunks do not name their model */
    public StreamTranslator(String requestedModel) {
        this.requestedModel = requestedModel;
    }

    /** Feeds upstream bytes; returns the Anthropic events they complete. */
    @Override
    public List<SseEvent> feed(byte[] bytes, int offset, int length) {
        List<SseEvent> out = new ArrayList<>(4);
        for (SseEvent frame : decoder.feed(bytes, offset, length)) {
            onData(frame.data(), out);
        }
        return out;
    }

    /** The upstream closed the stream: completes the message if it finished, otherwise ends with an error event. */
    @Override
    public List<SseEvent> end() {
        List<SseEvent> out = new ArrayList<>(4);
        for (SseEvent frame : decoder.finish()) {
            onData(frame.data(), out);
        }
        if (!terminated) {
            if (finishReason != null) {
                complete(out);
            } else {
                error(BROKEN, CUT, out);
            }
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

    private void onData(String data, List<SseEvent> out) {
        if (terminated) {
            return;
        }
        if ("[DONE]".equals(data.strip())) {
            if (finishReason != null) {
                complete(out);
            } else {
                error(BROKEN, CUT, out);
            }
            return;
        }
        ChatChunk chunk;
        try {
            chunk = ChatChunk.parse(data);
        } catch (IOException e) {
            error(BROKEN, "the openai upstream sent a stream chunk that is not JSON: " + ErrorTranslator.snippet(data), out);
            return;
        }
        if (chunk == null) {
            error(BROKEN, "the openai upstream sent a stream chunk that is not a JSON object: " + ErrorTranslator.snippet(data), out);
            return;
        }
        if (chunk.error() != null) {
            ErrorTranslator.Translated t = ErrorTranslator.midStream(chunk.error());
            error(t.type(), t.message(), out);
            return;
        }
        if (!started) {
            start(chunk, out);
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        for (ChatChunk.Choice choice : chunk.choices()) {
            if (choice.index() != 0) {
                continue;
            }
            ChatChunk.Delta delta = choice.delta();
            text(delta.content(), out);
            String refusal = delta.refusal();
            if (refusal != null && !refusal.isEmpty()) {
                refused = true;
                text(refusal, out);
            }
            for (ChatChunk.ToolDelta call : delta.toolCalls()) {
                toolCall(call, out);
            }
            if (choice.finishReason() != null) {
                finishReason = choice.finishReason();
            }
        }
    }

    private void start(ChatChunk chunk, List<SseEvent> out) {
        started = true;
        ObjectNode event = Json.object().put("type", "message_start");
        ObjectNode message = event.putObject("message");
        message.put("id", ResponseTranslator.messageId(chunk.id()));
        message.put("type", "message");
        message.put("role", "assistant");
        String model = chunk.model();
        message.put("model", model == null || model.isEmpty() ? requestedModel : model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
        out.add(new SseEvent("message_start", event));
    }

    private void text(String text, List<SseEvent> out) {
        if (text == null || text.isEmpty()) {
            return;
        }
        if (open != Open.TEXT) {
            closeOpen(out);
            ObjectNode start = blockStart(Json.object().put("type", "text").put("text", ""));
            out.add(new SseEvent("content_block_start", start));
            open = Open.TEXT;
        }
        out.add(MessageEvents.delta(nextIndex, "text_delta", "text", text));
    }

    private void toolCall(ChatChunk.ToolDelta call, List<SseEvent> out) {
        calledTools = true;
        int index = call.index();
        String id = call.id();
        String name = call.name();
        String arguments = call.arguments();
        if (open == Open.TOOL && openTool == index) {
            argumentsDelta(arguments, out);
            return;
        }
        if (closedTools.contains(index)) {
            error(BROKEN, "the openai upstream continued tool call " + index + " after the reply had moved on", out);
            return;
        }
        PendingTool tool = pending.computeIfAbsent(index, i -> new PendingTool());
        if (tool.id == null && id != null && !id.isEmpty()) {
            tool.id = id;
        }
        if (tool.name.isEmpty() && name != null) {
            tool.name = name;
        }
        if (arguments != null) {
            tool.arguments.append(arguments);
        }
        boolean canStreamLive = open != Open.TOOL && pending.size() == 1 && !tool.name.isEmpty();
        if (canStreamLive) {
            closeOpen(out);
            pending.remove(index);
            openToolBlock(index, tool, out);
        }
    }

    private void openToolBlock(int index, PendingTool tool, List<SseEvent> out) {
        ObjectNode block = Json.object().put("type", "tool_use");
        block.put("id", ToolCallIds.sanitize(tool.id));
        block.put("name", tool.name);
        block.putObject("input");
        out.add(new SseEvent("content_block_start", blockStart(block)));
        open = Open.TOOL;
        openTool = index;
        argumentsDelta(tool.arguments.toString(), out);
    }

    private void argumentsDelta(String arguments, List<SseEvent> out) {
        if (arguments == null || arguments.isEmpty()) {
            return;
        }
        out.add(MessageEvents.delta(nextIndex, "input_json_delta", "partial_json", arguments));
    }

    private void closeOpen(List<SseEvent> out) {
        if (open == Open.NONE) {
            return;
        }
        ObjectNode stop = Json.object().put("type", "content_block_stop").put("index", nextIndex);
        out.add(new SseEvent("content_block_stop", stop));
        if (open == Open.TOOL) {
            closedTools.add(openTool);
        }
        nextIndex++;
        open = Open.NONE;
        openTool = -1;
    }

    private void complete(List<SseEvent> out) {
        closeOpen(out);
        for (Map.Entry<Integer, PendingTool> entry : pending.entrySet()) {
            PendingTool tool = entry.getValue();
            if (tool.name.isEmpty()) {
                error(BROKEN, "the openai upstream sent tool call " + entry.getKey() + " without a function name", out);
                return;
            }
            openToolBlock(entry.getKey(), tool, out);
            closeOpen(out);
        }
        pending.clear();
        ObjectNode delta = Json.object().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", refused ? "refusal" : StopReasons.of(finishReason, calledTools))
                .putNull("stop_sequence");
        delta.set("usage", ResponseTranslator.usage(usage == null ? Json.object() : usage));
        out.add(new SseEvent("message_delta", delta));
        out.add(new SseEvent("message_stop", Json.object().put("type", "message_stop")));
        terminated = true;
        completed = true;
    }

    private void error(String type, String message, List<SseEvent> out) {
        out.add(MessageEvents.error(type, message));
        terminated = true;
    }

    private ObjectNode blockStart(ObjectNode block) {
        return MessageEvents.blockStart(nextIndex, block);
    }
}
