package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.wire.SseEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Responses events → Anthropic events (a Responses upstream) and back (a Codex agent), every event type. */
class ResponsesStreamsTest {

    /** A Responses stream as OpenAI sends it: reasoning, text, two function calls, completed with usage. */
    static final String TEXT_AND_TOOLS = sse(
            "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_1\",\"status\":\"in_progress\",\"model\":\"gpt-5\",\"output\":[]}}",
            "{\"type\":\"response.in_progress\",\"response\":{\"id\":\"resp_1\",\"status\":\"in_progress\",\"model\":\"gpt-5\"}}",
            "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[]}}",
            "{\"type\":\"response.reasoning_summary_text.delta\",\"output_index\":0,\"delta\":\"thinking\"}",
            "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"id\":\"rs_1\",\"type\":\"reasoning\",\"encrypted_content\":\"gAAA\"}}",
            "{\"type\":\"response.output_item.added\",\"output_index\":1,\"item\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[]}}",
            "{\"type\":\"response.content_part.added\",\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\"}}",
            "{\"type\":\"response.output_text.delta\",\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"delta\":\"Köln \"}",
            "{\"type\":\"response.output_text.delta\",\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"delta\":\"🚀 two calls\"}",
            "{\"type\":\"response.output_text.done\",\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"text\":\"Köln 🚀 two calls\"}",
            "{\"type\":\"response.output_item.done\",\"output_index\":1,\"item\":{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"Köln 🚀 two calls\"}]}}",
            "{\"type\":\"response.output_item.added\",\"output_index\":2,\"item\":{\"id\":\"fc_1\",\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"Read\",\"arguments\":\"\"}}",
            "{\"type\":\"response.function_call_arguments.delta\",\"item_id\":\"fc_1\",\"output_index\":2,\"delta\":\"{\\\"file_path\\\":\"}",
            "{\"type\":\"response.function_call_arguments.delta\",\"item_id\":\"fc_1\",\"output_index\":2,\"delta\":\"\\\"/a\\\"}\"}",
            "{\"type\":\"response.function_call_arguments.done\",\"item_id\":\"fc_1\",\"output_index\":2,\"arguments\":\"{\\\"file_path\\\":\\\"/a\\\"}\"}",
            "{\"type\":\"response.output_item.done\",\"output_index\":2,\"item\":{\"id\":\"fc_1\",\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"Read\",\"arguments\":\"{\\\"file_path\\\":\\\"/a\\\"}\"}}",
            "{\"type\":\"response.output_item.added\",\"output_index\":3,\"item\":{\"id\":\"fc_2\",\"type\":\"function_call\",\"call_id\":\"call.2\",\"name\":\"Read\",\"arguments\":\"\"}}",
            "{\"type\":\"response.output_item.done\",\"output_index\":3,\"item\":{\"id\":\"fc_2\",\"type\":\"function_call\",\"call_id\":\"call.2\",\"name\":\"Read\",\"arguments\":\"{\\\"file_path\\\":\\\"/b\\\"}\"}}",
            "{\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\",\"status\":\"completed\",\"model\":\"gpt-5\",\"usage\":{\"input_tokens\":100,\"input_tokens_details\":{\"cached_tokens\":40},\"output_tokens\":20}}}");

    static String sse(String... data) {
        StringBuilder out = new StringBuilder();
        for (String d : data) {
            String type = Fixtures.json(d).path("type").asText();
            out.append("event: ").append(type).append('\n').append("data: ").append(d).append("\n\n");
        }
        return out.toString();
    }

    static List<SseEvent> toAnthropic(byte[] bytes, int piece) {
        ResponsesToMessagesStream t = new ResponsesToMessagesStream("claude-sonnet-4-5");
        List<SseEvent> events = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += piece) {
            events.addAll(t.feed(bytes, at, Math.min(piece, bytes.length - at)));
        }
        events.addAll(t.end());
        return events;
    }

    static String types(List<SseEvent> events) {
        return events.stream().map(SseEvent::type).collect(Collectors.joining(" "));
    }

    @Test
    void responsesStreamBecomesAWellFormedMessagesStreamInAnyChunking() {
        byte[] bytes = TEXT_AND_TOOLS.getBytes(StandardCharsets.UTF_8);
        String expected = null;
        for (int piece : new int[]{bytes.length, 1, 2, 3, 7, 64}) {
            List<SseEvent> events = toAnthropic(bytes, piece);
            assertTrue(AnthropicStreamCheck.wellFormed(events));
            String wire = StreamTranslatorTest.wire(events);
            if (expected == null) {
                expected = wire;
            }
            assertEquals(expected, wire, "chunks of " + piece);
        }
        List<SseEvent> events = toAnthropic(bytes, 1);
        assertEquals("message_start content_block_start content_block_delta content_block_delta content_block_stop "
                + "content_block_start content_block_delta content_block_delta content_block_stop "
                + "content_block_start content_block_delta content_block_stop message_delta message_stop", types(events));
        assertEquals("gpt-5", events.get(0).json().path("message").path("model").asText());
        assertEquals("Köln ", events.get(2).json().path("delta").path("text").asText());
        assertEquals("🚀 two calls", events.get(3).json().path("delta").path("text").asText(), "UTF-8 split across reads survives");
        assertEquals("call_1", events.get(5).json().path("content_block").path("id").asText());
        assertEquals("{\"file_path\":", events.get(6).json().path("delta").path("partial_json").asText());
        assertEquals("call_2", events.get(9).json().path("content_block").path("id").asText(), "ids sanitized");
        assertEquals("{\"file_path\":\"/b\"}", events.get(10).json().path("delta").path("partial_json").asText(),
                "arguments that came only with the done item");
        JsonNode delta = events.get(12).json();
        assertEquals("tool_use", delta.path("delta").path("stop_reason").asText());
        assertEquals(60, delta.path("usage").path("input_tokens").asInt());
        assertEquals(40, delta.path("usage").path("cache_read_input_tokens").asInt());
        assertEquals(20, delta.path("usage").path("output_tokens").asInt());
        assertFalse(StreamTranslatorTest.wire(events).contains("gAAA"), "reasoning is dropped");
    }

    @Test
    void aStreamEndingWithoutCompletedIsAnErrorNeverAStop() {
        String cut = TEXT_AND_TOOLS.substring(0, TEXT_AND_TOOLS.indexOf("event: response.output_item.added\ndata: {\"type\":\"response.output_item.added\",\"output_index\":2"));
        List<SseEvent> events = toAnthropic(cut.getBytes(StandardCharsets.UTF_8), 5);
        assertFalse(AnthropicStreamCheck.wellFormed(events));
        assertEquals("overloaded_error", events.get(events.size() - 1).json().path("error").path("type").asText());
        assertTrue(events.get(events.size() - 1).json().path("error").path("message").asText().contains("response.completed"));
    }

    @Test
    void incompleteFailedAndErrorEvents() {
        List<SseEvent> incomplete = toAnthropic(sse(
                "{\"type\":\"response.created\",\"response\":{\"id\":\"r\",\"model\":\"m\"}}",
                "{\"type\":\"response.output_text.delta\",\"output_index\":0,\"delta\":\"long\"}",
                "{\"type\":\"response.incomplete\",\"response\":{\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":\"max_output_tokens\"}}}")
                .getBytes(StandardCharsets.UTF_8), 9);
        assertTrue(AnthropicStreamCheck.wellFormed(incomplete));
        assertEquals("max_tokens", incomplete.get(incomplete.size() - 2).json().path("delta").path("stop_reason").asText());

        List<SseEvent> filtered = toAnthropic(sse(
                "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"type\":\"message\"}}",
                "{\"type\":\"response.refusal.delta\",\"output_index\":0,\"delta\":\"I can't\"}",
                "{\"type\":\"response.completed\",\"response\":{\"status\":\"completed\"}}").getBytes(StandardCharsets.UTF_8), 100);
        assertTrue(AnthropicStreamCheck.wellFormed(filtered));
        assertEquals("claude-sonnet-4-5", filtered.get(0).json().path("message").path("model").asText());
        assertEquals("refusal", filtered.get(filtered.size() - 2).json().path("delta").path("stop_reason").asText());

        List<SseEvent> failed = toAnthropic(sse(
                "{\"type\":\"response.created\",\"response\":{\"id\":\"r\"}}",
                "{\"type\":\"response.failed\",\"response\":{\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"boom\"}}}")
                .getBytes(StandardCharsets.UTF_8), 100);
        assertFalse(AnthropicStreamCheck.wellFormed(failed));
        assertEquals("boom", failed.get(1).json().path("error").path("message").asText());
        assertEquals("overloaded_error", failed.get(1).json().path("error").path("type").asText());

        List<SseEvent> error = toAnthropic(sse(
                "{\"type\":\"error\",\"code\":\"context_length_exceeded\",\"message\":\"too long\",\"param\":null}")
                .getBytes(StandardCharsets.UTF_8), 100);
        assertEquals("invalid_request_error", error.get(0).json().path("error").path("type").asText());
    }

    @Test
    void wholeItemsWithoutDeltasAreSentFromTheirDoneEvent() {
        List<SseEvent> events = toAnthropic(sse(
                "{\"type\":\"response.created\",\"response\":{\"id\":\"r\"}}",
                "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"whole\"}]}}",
                "{\"type\":\"response.output_item.done\",\"output_index\":1,\"item\":{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"f\",\"arguments\":\"{}\"}}",
                "{\"type\":\"response.completed\",\"response\":{}}").getBytes(StandardCharsets.UTF_8), 100);
        assertTrue(AnthropicStreamCheck.wellFormed(events));
        assertEquals("whole", events.get(2).json().path("delta").path("text").asText());
        assertEquals("f", events.get(4).json().path("content_block").path("name").asText());
    }

    @Test
    void garbageIsAnError() {
        List<SseEvent> events = toAnthropic("data: {not json\n\n".getBytes(StandardCharsets.UTF_8), 100);
        assertEquals("error", events.get(0).type());
        assertEquals(1, events.size());
    }

    // ---- Anthropic events → Responses events (what a Codex agent receives) ----

    static List<SseEvent> anthropic(String... data) {
        List<SseEvent> events = new ArrayList<>();
        for (String d : data) {
            JsonNode json = Fixtures.json(d);
            events.add(new SseEvent(json.path("type").asText(), json));
        }
        return events;
    }

    static List<SseEvent> toResponses(ResponsesTools tools, List<SseEvent> in, boolean end) {
        MessagesToResponsesStream t = new MessagesToResponsesStream(tools, "gpt-5-codex");
        List<SseEvent> out = new ArrayList<>();
        in.forEach(e -> out.addAll(t.translate(e)));
        if (end) {
            out.addAll(t.end());
        }
        return out;
    }

    static final List<SseEvent> CLAUDE_TOOL_TURN = anthropic(
            "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01X\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"usage\":{\"input_tokens\":10,\"cache_read_input_tokens\":90,\"output_tokens\":1}}}",
            "{\"type\":\"ping\"}",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"secret\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"SIG\"}}",
            "{\"type\":\"content_block_stop\",\"index\":0}",
            "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
            "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Running \"}}",
            "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"it.\"}}",
            "{\"type\":\"content_block_stop\",\"index\":1}",
            "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_A\",\"name\":\"exec_command\",\"input\":{}}}",
            "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"cmd\\\":\"}}",
            "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"ls\\\"}\"}}",
            "{\"type\":\"content_block_stop\",\"index\":2}",
            "{\"type\":\"content_block_start\",\"index\":3,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_B\",\"name\":\"spawn_agent\",\"input\":{}}}",
            "{\"type\":\"content_block_delta\",\"index\":3,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}}",
            "{\"type\":\"content_block_stop\",\"index\":3}",
            "{\"type\":\"content_block_start\",\"index\":4,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_C\",\"name\":\"apply_patch\",\"input\":{}}}",
            "{\"type\":\"content_block_delta\",\"index\":4,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"input\\\":\\\"*** Begin Patch\\\"}\"}}",
            "{\"type\":\"content_block_stop\",\"index\":4}",
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":30}}",
            "{\"type\":\"message_stop\"}");

    @Test
    void claudeStreamBecomesTheResponsesEventsCodexReads() {
        ResponsesTools tools = ResponsesTools.of(Fixtures.json(ResponsesToMessagesRequestTest.CODEX_TURN).get("tools"));
        List<SseEvent> out = toResponses(tools, CLAUDE_TOOL_TURN, true);
        assertEquals("response.created response.in_progress "
                + "response.output_item.added response.content_part.added response.output_text.delta response.output_text.delta "
                + "response.output_text.done response.content_part.done response.output_item.done "
                + "response.output_item.added response.function_call_arguments.delta response.function_call_arguments.delta "
                + "response.function_call_arguments.done response.output_item.done "
                + "response.output_item.added response.function_call_arguments.delta response.function_call_arguments.done response.output_item.done "
                + "response.output_item.added response.custom_tool_call_input.delta response.custom_tool_call_input.done response.output_item.done "
                + "response.completed", types(out));
        for (int i = 0; i < out.size(); i++) {
            assertEquals(i, out.get(i).json().path("sequence_number").asInt());
            assertEquals(out.get(i).type(), out.get(i).json().path("type").asText());
        }
        assertFalse(StreamTranslatorTest.wire(out).contains("secret") || StreamTranslatorTest.wire(out).contains("SIG"));
        assertEquals("gpt-5-codex", out.get(0).json().path("response").path("model").asText());
        assertEquals("Running ", out.get(4).json().path("delta").asText());
        assertEquals(0, out.get(4).json().path("output_index").asInt());
        assertEquals("Running it.", out.get(8).json().path("item").path("content").get(0).path("text").asText());
        JsonNode call = out.get(13).json().path("item");
        assertEquals("function_call", call.path("type").asText());
        assertEquals("toolu_A", call.path("call_id").asText());
        assertEquals("exec_command", call.path("name").asText());
        assertEquals("{\"cmd\":\"ls\"}", call.path("arguments").asText());
        assertEquals("completed", call.path("status").asText());
        assertEquals(1, out.get(13).json().path("output_index").asInt());
        assertEquals("multi_agent_v1", out.get(17).json().path("item").path("namespace").asText());
        JsonNode custom = out.get(21).json().path("item");
        assertEquals("custom_tool_call", custom.path("type").asText());
        assertEquals("*** Begin Patch", custom.path("input").asText());
        JsonNode completed = out.get(22).json().path("response");
        assertEquals("completed", completed.path("status").asText());
        assertEquals(4, completed.path("output").size());
        assertEquals(100, completed.path("usage").path("input_tokens").asInt());
        assertEquals(90, completed.path("usage").path("input_tokens_details").path("cached_tokens").asInt());
        assertEquals(30, completed.path("usage").path("output_tokens").asInt());
        assertEquals(130, completed.path("usage").path("total_tokens").asInt());
    }

    @Test
    void anErrorEventOrAnEndWithoutMessageStopIsResponseFailed() {
        List<SseEvent> cut = new ArrayList<>(CLAUDE_TOOL_TURN.subList(0, 9));
        List<SseEvent> ended = toResponses(ResponsesTools.none(), cut, true);
        SseEvent last = ended.get(ended.size() - 1);
        assertEquals("response.failed", last.type());
        assertEquals("server_error", last.json().path("response").path("error").path("code").asText());
        assertFalse(types(ended).contains("response.completed"));

        cut.add(anthropic("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}").get(0));
        List<SseEvent> errored = toResponses(ResponsesTools.none(), cut, true);
        last = errored.get(errored.size() - 1);
        assertEquals("response.failed", last.type());
        assertEquals("rate_limit_exceeded", last.json().path("response").path("error").path("code").asText());
        assertEquals("slow down", last.json().path("response").path("error").path("message").asText());
        assertEquals(1, errored.stream().filter(e -> e.type().equals("response.failed")).count(), "end() adds nothing after a failure");
    }

    @Test
    void maxTokensIsIncompleteAndContextOverflowKeepsItsCode() {
        List<SseEvent> in = anthropic(
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"usage\":{\"input_tokens\":1}}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"cut\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"},\"usage\":{\"output_tokens\":5}}",
                "{\"type\":\"message_stop\"}");
        List<SseEvent> out = toResponses(ResponsesTools.none(), in, true);
        SseEvent last = out.get(out.size() - 1);
        assertEquals("response.incomplete", last.type());
        assertEquals("max_output_tokens", last.json().path("response").path("incomplete_details").path("reason").asText());

        List<SseEvent> overflow = toResponses(ResponsesTools.none(), anthropic(
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long: 210000 tokens\"}}"), false);
        assertEquals("response.created", overflow.get(0).type());
        assertEquals("context_length_exceeded", overflow.get(2).json().path("response").path("error").path("code").asText());
    }

    @Test
    void roundTripThroughBothTranslatorsKeepsTextAndCalls() {
        List<SseEvent> anthropicEvents = toAnthropic(TEXT_AND_TOOLS.getBytes(StandardCharsets.UTF_8), 11);
        List<SseEvent> back = toResponses(ResponsesTools.none(), anthropicEvents, true);
        JsonNode completed = back.get(back.size() - 1).json().path("response");
        assertEquals("completed", completed.path("status").asText());
        assertEquals("Köln 🚀 two calls", completed.path("output").get(0).path("content").get(0).path("text").asText());
        assertEquals("call_1", completed.path("output").get(1).path("call_id").asText());
        assertEquals("{\"file_path\":\"/b\"}", completed.path("output").get(2).path("arguments").asText());
    }
}
