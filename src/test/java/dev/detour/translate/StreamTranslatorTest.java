package dev.detour.translate;

import dev.detour.wire.SseEvent;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamTranslatorTest {

    /** Feeds {@code bytes} in pieces of the given sizes (cycled) and collects every event, the end included. */
    static List<SseEvent> translate(byte[] bytes, int[] pieces) {
        StreamTranslator t = new StreamTranslator("claude-sonnet-4-5");
        List<SseEvent> events = new ArrayList<>();
        int at = 0;
        for (int p = 0; at < bytes.length; p++) {
            int n = Math.min(pieces[p % pieces.length], bytes.length - at);
            events.addAll(t.feed(bytes, at, n));
            at += n;
        }
        events.addAll(t.end());
        return events;
    }

    static String wire(List<SseEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events.forEach(e -> out.writeBytes(e.bytes()));
        return out.toString(StandardCharsets.UTF_8);
    }

    @TestFactory
    Stream<DynamicTest> corpusTranslatesIdenticallyInEveryChunking() {
        List<Path> inputs = Fixtures.list("streams", ".openai.sse");
        assertTrue(inputs.size() >= 8, "the stream corpus is missing: " + inputs);
        Random random = new Random(7);
        int[] randomPieces = random.ints(64, 1, 40).toArray();
        List<int[]> chunkings = List.of(new int[]{Integer.MAX_VALUE}, new int[]{1}, new int[]{2, 3}, new int[]{7}, randomPieces);
        return inputs.stream().map(input -> DynamicTest.dynamicTest(input.getFileName().toString(), () -> {
            String expected = new String(Fixtures.bytes(Fixtures.sibling(input, ".openai.sse", ".anthropic.sse")),
                    StandardCharsets.UTF_8);
            byte[] bytes = Fixtures.bytes(input);
            for (int[] chunking : chunkings) {
                List<SseEvent> events = translate(bytes, chunking);
                AnthropicStreamCheck.wellFormed(events);
                assertEquals(expected, wire(events), "chunks of " + chunking[0] + "…");
            }
        }));
    }

    @Test
    void unicodeSplitInsideACharacterSurvives() {
        String text = "🚀 Köln 你好";
        byte[] bytes = ("data: {\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text
                + "\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);
        int rocket = new String(bytes, StandardCharsets.UTF_8).indexOf("🚀");
        StreamTranslator t = new StreamTranslator("claude");
        List<SseEvent> events = new ArrayList<>(t.feed(bytes, 0, rocket + 2)); // two of the emoji's four bytes
        events.addAll(t.feed(bytes, rocket + 2, bytes.length - rocket - 2));
        events.addAll(t.end());
        assertTrue(AnthropicStreamCheck.wellFormed(events));
        assertEquals(text, events.get(2).json().path("delta").path("text").asText());
    }

    @Test
    void toolArgumentsSplitOverManyChunksReassembleToTheSameJson() {
        String arguments = "{\"command\":\"grep -rn \\\"TODO\\\" src/ | head -50\",\"description\":\"Finds TODOs — ü\"}";
        StringBuilder sse = new StringBuilder("data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":"
                + "{\"tool_calls\":[{\"index\":0,\"id\":\"call_9\",\"function\":{\"name\":\"Bash\",\"arguments\":\"\"}}]}}]}\n\n");
        for (int i = 0; i < arguments.length(); i += 3) {
            String piece = arguments.substring(i, Math.min(arguments.length(), i + 3));
            String quoted = Json.write(Json.NODES.textNode(piece));
            sse.append("data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":")
                    .append(quoted).append("}}]}}]}\n\n");
        }
        sse.append("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\ndata: [DONE]\n\n");
        List<SseEvent> events = translate(sse.toString().getBytes(StandardCharsets.UTF_8), new int[]{5});
        assertTrue(AnthropicStreamCheck.wellFormed(events));
        StringBuilder joined = new StringBuilder();
        for (SseEvent e : events) {
            if (e.type().equals("content_block_delta")) {
                joined.append(e.json().path("delta").path("partial_json").asText());
            }
        }
        assertEquals(Fixtures.json(arguments), Fixtures.json(joined.toString()));
        assertTrue(events.stream().filter(e -> e.type().equals("content_block_delta")).count() > 20, "arguments stream live, piece by piece");
    }

    @Test
    void aCutStreamNeverEndsWithMessageStop() {
        byte[] bytes = Fixtures.bytes(Fixtures.dir("streams").resolve("cut-mid-answer.openai.sse"));
        StreamTranslator t = new StreamTranslator("claude");
        List<SseEvent> events = new ArrayList<>(t.feed(bytes, 0, bytes.length));
        assertFalse(t.terminated(), "still waiting for more");
        events.addAll(t.end());
        assertFalse(AnthropicStreamCheck.wellFormed(events), "ends in an error event");
        assertTrue(t.terminated());
        assertFalse(t.completed());
        assertTrue(events.stream().noneMatch(e -> e.type().equals("message_stop") || e.type().equals("message_delta")));
    }

    @Test
    void doneWithoutAFinishReasonEndsInAnErrorEventNeverAMessageStop() {
        String sse = "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Half an \"}}]}\n\n"
                + "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"answer\"}}]}\n\n"
                + "data: [DONE]\n\n";
        StreamTranslator t = new StreamTranslator("claude-sonnet-4-5");
        byte[] bytes = sse.getBytes(StandardCharsets.UTF_8);
        List<SseEvent> events = new ArrayList<>(t.feed(bytes, 0, bytes.length));
        assertTrue(t.terminated(), "[DONE] ends the stream");
        assertFalse(t.completed(), "without a finish reason the reply is not whole");
        events.addAll(t.end());
        assertEquals(List.of("message_start", "content_block_start", "content_block_delta", "content_block_delta", "error"),
                events.stream().map(SseEvent::type).toList());
        SseEvent error = events.get(events.size() - 1);
        assertEquals("overloaded_error", error.json().path("error").path("type").asText());
        assertTrue(error.json().path("error").path("message").asText().contains("before a finish_reason"), wire(events));
    }

    @Test
    void anEmptyStreamIsAnErrorWithoutMessageStart() {
        List<SseEvent> events = translate("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8), new int[]{100});
        assertEquals(List.of("error"), events.stream().map(SseEvent::type).toList());
        assertEquals(List.of("error"), translate(new byte[0], new int[]{1}).stream().map(SseEvent::type).toList());
    }

    @Test
    void garbageChunkBecomesAnErrorAndNothingFollowsIt() {
        String sse = "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n"
                + "data: <html>502 Bad Gateway</html>\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"more\"},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: [DONE]\n\n";
        List<SseEvent> events = translate(sse.getBytes(StandardCharsets.UTF_8), new int[]{11});
        assertFalse(AnthropicStreamCheck.wellFormed(events));
        assertTrue(events.get(events.size() - 1).json().path("error").path("message").asText().contains("502 Bad Gateway"));
    }

    @Test
    void aMissingUpstreamIdStillGivesMessageAndToolIds() {
        String sse = "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":"
                + "{\"name\":\"Read\",\"arguments\":\"{}\"}}]},\"finish_reason\":\"tool_calls\"}]}\n\ndata: [DONE]\n\n";
        List<SseEvent> events = translate(sse.getBytes(StandardCharsets.UTF_8), new int[]{1000});
        assertTrue(AnthropicStreamCheck.wellFormed(events));
        assertTrue(events.get(0).json().path("message").path("id").asText().matches("msg_[A-Za-z0-9]{24}"));
        assertEquals("claude-sonnet-4-5", events.get(0).json().path("message").path("model").asText());
        assertTrue(events.get(1).json().path("content_block").path("id").asText().matches("toolu_[A-Za-z0-9]{24}"));
    }

    @Test
    void aToolCallResumedAfterTextMovedOnIsAnError() {
        String sse = "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":"
                + "{\"name\":\"Read\",\"arguments\":\"{\"}}]}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hmm\"}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"}\"}}]}}]}\n\n";
        List<SseEvent> events = translate(sse.getBytes(StandardCharsets.UTF_8), new int[]{1000});
        assertFalse(AnthropicStreamCheck.wellFormed(events));
    }
}
