package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestTranslatorTest {
    private static final Map<String, String> MODELS = Map.of("opus", "gpt-5", "sonnet", "gpt-5", "haiku", "gpt-5-mini");

    private static ObjectNode translate(JsonNode request) {
        return RequestTranslator.translate(request, ModelMap.map(request.path("model").asText(), MODELS));
    }

    @TestFactory
    Stream<DynamicTest> corpusTranslatesToTheExpectedChatCompletionsRequest() {
        List<Path> inputs = Fixtures.list("requests", ".anthropic.json");
        assertTrue(inputs.size() >= 4, "the request corpus is missing: " + inputs);
        return inputs.stream().map(input -> DynamicTest.dynamicTest(input.getFileName().toString(), () -> {
            JsonNode expected = Fixtures.json(Fixtures.sibling(input, ".anthropic.json", ".openai.json"));
            assertEquals(expected, translate(Fixtures.json(input)));
        }));
    }

    @Test
    void realClaudeCodeRequestKeepsInstructionsAndDropsAnthropicOnlyParts() {
        JsonNode request = Fixtures.json(Fixtures.dir("requests").resolve("claude-code-first-turn.anthropic.json"));
        ObjectNode out = translate(request);

        assertEquals("gpt-5", out.path("model").asText(), "claude-opus-* maps through the opus entry");
        for (String dropped : List.of("metadata", "thinking", "context_management", "output_config", "system", "max_tokens")) {
            assertFalse(out.has(dropped), dropped + " has no Chat Completions counterpart");
        }
        assertEquals(128000, out.path("max_completion_tokens").asInt());
        assertTrue(out.path("stream_options").path("include_usage").asBoolean());

        JsonNode messages = out.path("messages");
        assertEquals(List.of("system", "user", "system"), roles(messages), "the mid-conversation system turn stays in place");
        String system = messages.get(0).path("content").asText();
        assertTrue(system.startsWith("You are a Claude agent"), system.substring(0, 60));
        assertFalse(system.contains("x-anthropic-billing-header"), "Claude Code's accounting line is not an instruction");
        assertEquals("say hi", messages.get(1).path("content").path(1).path("text").asText(), "text blocks stay separate parts");
        assertTrue(messages.get(2).path("content").asText().startsWith("# Environment"));

        List<String> tools = new ArrayList<>();
        out.path("tools").forEach(t -> tools.add(t.path("function").path("name").asText()));
        assertTrue(tools.containsAll(List.of("Bash", "Read", "Edit", "Write", "ToolSearch")), tools.toString());
        assertFalse(tools.contains("DeferredToolPlaceholder"), "deferred tools are not callable before a tool search");
        assertEquals(request.path("tools").size() - 1, tools.size());
    }

    @Test
    void toolChoiceVariantsMapToTheirChatCompletionsForms() {
        assertEquals("\"auto\"", choice("{\"type\":\"auto\"}"));
        assertEquals("\"required\"", choice("{\"type\":\"any\"}"));
        assertEquals("\"none\"", choice("{\"type\":\"none\"}"));
        assertEquals("{\"type\":\"function\",\"function\":{\"name\":\"Read\"}}", choice("{\"type\":\"tool\",\"name\":\"Read\"}"));
        ObjectNode serial = translate(withChoice("{\"type\":\"any\",\"disable_parallel_tool_use\":true}"));
        assertFalse(serial.path("parallel_tool_calls").asBoolean(true));
    }

    @Test
    void toolChoiceWithoutToolsIsLeftOut() {
        JsonNode request = Fixtures.json("""
                {"model":"claude-sonnet-4","max_tokens":10,"tool_choice":{"type":"auto"},
                 "messages":[{"role":"user","content":"hi"}]}""");
        ObjectNode out = translate(request);
        assertFalse(out.has("tool_choice"));
        assertFalse(out.has("tools"));
        assertFalse(out.has("stream"), "a non-streaming request stays non-streaming");
    }

    @Test
    void unreadableRequestsSayWhatWasExpected() {
        TranslationException role = assertThrows(TranslationException.class, () -> translate(Fixtures.json(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}")));
        assertTrue(role.getMessage().contains("robot") && role.getMessage().contains("expected user, assistant or system"),
                role.getMessage());
        TranslationException image = assertThrows(TranslationException.class, () -> translate(Fixtures.json("""
                {"model":"m","messages":[{"role":"user","content":[
                 {"type":"image","source":{"type":"file","file_id":"file_011"}}]}]}""")));
        assertTrue(image.getMessage().contains("\"file\""), image.getMessage());
        assertThrows(TranslationException.class, () -> translate(Fixtures.json("{\"model\":\"m\"}")));
        assertThrows(TranslationException.class, () -> translate(Fixtures.json("[1,2]")));
    }

    private static String choice(String toolChoice) {
        return Json.write(translate(withChoice(toolChoice)).get("tool_choice"));
    }

    private static JsonNode withChoice(String toolChoice) {
        return Fixtures.json("""
                {"model":"claude-sonnet-4","max_tokens":10,"tool_choice":%s,
                 "tools":[{"name":"Read","input_schema":{"type":"object"}}],
                 "messages":[{"role":"user","content":"hi"}]}""".formatted(toolChoice));
    }

    private static List<String> roles(JsonNode messages) {
        List<String> roles = new ArrayList<>();
        messages.forEach(m -> roles.add(m.path("role").asText()));
        return roles;
    }
}
