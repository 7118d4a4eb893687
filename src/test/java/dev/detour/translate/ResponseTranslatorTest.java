package dev.detour.translate;

import dev.detour.wire.SseEvent;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponseTranslatorTest {
    @TestFactory
    Stream<DynamicTest> corpusTranslatesToTheExpectedMessagesReply() {
        List<Path> inputs = Fixtures.list("responses", ".openai.json");
        assertTrue(inputs.size() >= 3, "the response corpus is missing: " + inputs);
        return inputs.stream().map(input -> DynamicTest.dynamicTest(input.getFileName().toString(), () ->
                assertEquals(Fixtures.json(Fixtures.sibling(input, ".openai.json", ".anthropic.json")),
                        Fixtures.json(Json.write(ResponseTranslator.translate(Fixtures.json(input)))))));
    }

    @Test
    void aReplyWithoutFinishReasonIsNotPassedOffAsComplete() {
        TranslationException e = assertThrows(TranslationException.class, () -> ResponseTranslator.translate(Fixtures.json(
                "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Half\"}}]}")));
        assertTrue(e.getMessage().contains("finish_reason"));
        assertThrows(TranslationException.class, () -> ResponseTranslator.translate(Fixtures.json("{\"choices\":[]}")));
    }

    @Test
    void toolCallsFinishedWithStopStillMeanToolUse() {
        var out = ResponseTranslator.translate(Fixtures.json("""
                {"id":"x","model":"llama3","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant",
                 "content":"","tool_calls":[{"id":"call_0","function":{"name":"Read","arguments":"{\\"file_path\\":\\"/a\\"}"}}]}}]}"""));
        assertEquals("tool_use", out.path("stop_reason").asText());
        assertEquals(1, out.path("content").size(), "an empty text part is left out");
        assertEquals("/a", out.path("content").path(0).path("input").path("file_path").asText());
    }

    @Test
    void aWholeReplyToAStreamedRequestBecomesAWellFormedStream() {
        var message = ResponseTranslator.translate(Fixtures.json(Fixtures.dir("responses").resolve("parallel-tools.openai.json")));
        java.util.List<SseEvent> events = MessageEvents.of(message);
        assertTrue(AnthropicStreamCheck.wellFormed(events));
        assertEquals(3 * 3 + 3, events.size(), "start, three blocks of three events, delta, stop");
        assertEquals("{\"command\":\"ls -la\"}", events.get(5).json().path("delta").path("partial_json").asText());
        assertEquals("tool_use", events.get(events.size() - 2).json().path("delta").path("stop_reason").asText());
        assertEquals(952, events.get(0).json().path("message").path("usage").path("input_tokens").asInt());
    }
}
