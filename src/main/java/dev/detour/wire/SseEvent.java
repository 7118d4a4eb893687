package dev.detour.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One server-sent event of an Anthropic Messages stream, the one shape the bridge, the translators and the sim
 * share. An event read off the wire keeps its {@code data:} text exactly (unknown events pass through untouched)
 * and is parsed as JSON at most once, when something looks inside; an event a translator builds keeps its JSON tree
 * and is written out once. {@link #bytes()} is the one writer.
 */
public final class SseEvent {

    private final String name;
    private String data;
    private JsonNode json;
    private byte[] wire;

    /**
     * An event as read from (or to be written to) the wire.
     *
     * @param name the {@code event:} field (e.g. {@code message_start}); null when the stream sent none
     * @param data the {@code data:} field, lines joined with {@code \n}
     */
    public SseEvent(String name, String data) {
        this.name = name;
        this.data = Objects.requireNonNull(data, "data");
    }

    /** An event built from its JSON payload; its name is {@code type}. */
    public SseEvent(String type, JsonNode json) {
        this.name = type;
        this.json = Objects.requireNonNull(json, "json");
    }

    /** The {@code event:} field, or null. */
    public String name() {
        return name;
    }

    /** The {@code data:} text. */
    public String data() {
        if (data == null) {
            data = JsonText.text(json);
        }
        return data;
    }

    /** The {@code data:} payload parsed as JSON; a missing node when it is not JSON. */
    public JsonNode json() {
        if (json == null) {
            try {
                JsonNode parsed = JsonText.tree(data);
                json = parsed == null ? MissingNode.getInstance() : parsed;
            } catch (IOException notJson) {
                json = MissingNode.getInstance();
            }
        }
        return json;
    }

    /** The event's type: its name, or the {@code "type"} of its data when it has none. */
    public String type() {
        return name != null ? name : json().path("type").asText("");
    }

    /**
     * Whether the event comes before any content: {@code message_start}, {@code ping} and a
     * {@code content_block_start} that carries no content yet (an empty text or thinking block, or a tool use whose
     * input arrives in deltas). While only these have arrived nothing needs to reach the agent, so the bridge holds
     * them back and may still move the request to another upstream. Everything else (a delta, {@code message_delta},
     * an unknown event) is content, or at least commits the stream. A Responses stream passed through to a Codex
     * agent follows {@link ResponsesStreamEvents}.
     */
    public boolean beforeContent() {
        return switch (type()) {
            case "message_start", "ping" -> true;
            case "content_block_start" -> emptyBlock(json().path("content_block"));
            default -> ResponsesStreamEvents.isResponses(type()) && ResponsesStreamEvents.beforeContent(type(), json());
        };
    }

    /** Whether the event reports a failure: an {@code error} event, or a Responses {@code response.failed}. */
    public boolean reportsFailure() {
        return type().equals("error") || ResponsesStreamEvents.failure(type());
    }

    private static boolean emptyBlock(JsonNode block) {
        return switch (block.path("type").asText()) {
            case "text" -> block.path("text").asText("").isEmpty();
            case "thinking" -> block.path("thinking").asText("").isEmpty();
            case "tool_use", "server_tool_use" -> block.path("input").isEmpty();
            default -> false;
        };
    }

    /**
     * Whether the event closes a stream properly ({@code message_stop} or {@code error}, or a Responses stream's end);
     * a stream without one was cut.
     */
    public boolean endsStream() {
        String type = type();
        return type.equals("message_stop") || type.equals("error") || ResponsesStreamEvents.endsStream(type);
    }

    /** The event in wire form, ending with the blank line that terminates it; made once. */
    public byte[] bytes() {
        if (wire == null) {
            String text = data();
            StringBuilder out = new StringBuilder(text.length() + 32);
            if (name != null) {
                out.append("event: ").append(name).append('\n');
            }
            for (int from = 0, end; from <= text.length(); from = end + 1) {
                end = text.indexOf('\n', from);
                end = end < 0 ? text.length() : end;
                out.append("data: ").append(text, from, end).append('\n');
            }
            wire = out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        }
        return wire;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SseEvent other && Objects.equals(name, other.name) && data().equals(other.data());
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, data());
    }

    @Override
    public String toString() {
        return "SseEvent[" + name + ", " + data() + "]";
    }
}
