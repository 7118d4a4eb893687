package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagesToResponsesRequestTest {

    @Test
    void claudeCodeTurnWithParallelToolsTranslatesInOrder() {
        ObjectNode out = MessagesToResponsesRequest.translate(Fixtures.json("""
                {"model":"claude-sonnet-4-5","max_tokens":32000,"stream":true,"temperature":1,
                 "system":[{"type":"text","text":"x-anthropic-billing-header: cc"},{"type":"text","text":"You are Claude Code."}],
                 "metadata":{"user_id":"u"},"stop_sequences":["X"],
                 "messages":[
                  {"role":"user","content":"read two files"},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"sig"},
                    {"type":"text","text":"Reading."},
                    {"type":"tool_use","id":"toolu_1","name":"Read","input":{"file_path":"/a"}},
                    {"type":"tool_use","id":"toolu_2","name":"Read","input":{"file_path":"/b"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"A"},
                    {"type":"tool_result","tool_use_id":"toolu_2","is_error":true,"content":[{"type":"text","text":"missing"}]},
                    {"type":"text","text":"go on"}]},
                  {"role":"system","content":"reminder"}],
                 "tools":[{"name":"Read","description":"Reads","input_schema":{"type":"object","properties":{"file_path":{"type":"string"}}}},
                  {"type":"web_search_20250305","name":"web_search"},
                  {"name":"Deferred","input_schema":{"type":"object"},"defer_loading":true}],
                 "tool_choice":{"type":"auto","disable_parallel_tool_use":true}}"""), "gpt-5");
        assertEquals("gpt-5", out.path("model").asText());
        assertEquals("You are Claude Code.", out.path("instructions").asText());
        assertEquals(32000, out.path("max_output_tokens").asInt());
        assertFalse(out.path("store").asBoolean(true));
        assertTrue(out.path("stream").asBoolean());
        assertFalse(out.has("metadata") || out.has("stop") || out.has("stop_sequences"));
        JsonNode input = out.path("input");
        String[] expected = {"message:user", "message:assistant", "function_call:", "function_call:",
                "function_call_output:", "function_call_output:", "message:user", "message:developer"};
        assertEquals(expected.length, input.size(), input.toString());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], input.get(i).path("type").asText() + ":" + input.get(i).path("role").asText(""), "item " + i);
        }
        assertEquals("read two files", input.get(0).path("content").get(0).path("text").asText());
        assertEquals("input_text", input.get(0).path("content").get(0).path("type").asText());
        assertEquals("Reading.", input.get(1).path("content").asText());
        assertFalse(out.toString().contains("sig"), "thinking never goes to another family");
        assertEquals("toolu_1", input.get(2).path("call_id").asText());
        assertEquals("{\"file_path\":\"/a\"}", input.get(2).path("arguments").asText());
        assertEquals("A", input.get(4).path("output").asText());
        assertEquals("Error: missing", input.get(5).path("output").asText());
        assertEquals("reminder", input.get(7).path("content").asText());
        JsonNode tools = out.path("tools");
        assertEquals(1, tools.size(), "server and deferred tools stay behind");
        assertEquals("function", tools.get(0).path("type").asText());
        assertEquals("Read", tools.get(0).path("name").asText());
        assertEquals("object", tools.get(0).path("parameters").path("type").asText());
        assertEquals("auto", out.path("tool_choice").asText());
        assertFalse(out.path("parallel_tool_calls").asBoolean(true));
    }

    @Test
    void imagesDocumentsAndToolResultImages() {
        ObjectNode out = MessagesToResponsesRequest.translate(Fixtures.json("""
                {"model":"c","messages":[{"role":"user","content":[
                  {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j"}},
                  {"type":"image","source":{"type":"url","url":"https://example.com/i.png"}},
                  {"type":"document","title":"spec.pdf","source":{"type":"base64","media_type":"application/pdf","data":"JVB"}},
                  {"type":"document","source":{"type":"text","media_type":"text/plain","data":"plain doc"}}]},
                 {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Shot","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"screen"},
                   {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVB"}}]}]}]}"""), "m");
        JsonNode parts = out.path("input").get(0).path("content");
        assertEquals("data:image/jpeg;base64,/9j", parts.get(0).path("image_url").asText());
        assertEquals("https://example.com/i.png", parts.get(1).path("image_url").asText());
        assertEquals("input_file", parts.get(2).path("type").asText());
        assertEquals("data:application/pdf;base64,JVB", parts.get(2).path("file_data").asText());
        assertEquals("spec.pdf", parts.get(2).path("filename").asText());
        assertEquals("plain doc", parts.get(3).path("text").asText());
        JsonNode output = out.path("input").get(2).path("output");
        assertTrue(output.isArray());
        assertEquals("input_text", output.get(0).path("type").asText());
        assertEquals("data:image/png;base64,iVB", output.get(1).path("image_url").asText());
    }

    @Test
    void namedAndAnyToolChoice() {
        String tools = "\"tools\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\"}}]";
        ObjectNode named = MessagesToResponsesRequest.translate(Fixtures.json(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]," + tools + ",\"tool_choice\":{\"type\":\"tool\",\"name\":\"f\"}}"), "m");
        assertEquals("function", named.path("tool_choice").path("type").asText());
        assertEquals("f", named.path("tool_choice").path("name").asText());
        ObjectNode any = MessagesToResponsesRequest.translate(Fixtures.json(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]," + tools + ",\"tool_choice\":{\"type\":\"any\"}}"), "m");
        assertEquals("required", any.path("tool_choice").asText());
    }

    @Test
    void theChatCompletionsCorpusAlsoTranslates() {
        for (Path request : Fixtures.list("requests", ".anthropic.json")) {
            ObjectNode out = MessagesToResponsesRequest.translate(Fixtures.json(request), "gpt-5");
            assertTrue(out.path("input").isArray() && !out.path("input").isEmpty(), request.toString());
            for (JsonNode item : out.path("input")) {
                assertTrue(item.path("type").isTextual(), "every item has a type: " + item);
            }
        }
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThrows(TranslationException.class, () -> MessagesToResponsesRequest.translate(Fixtures.json("{}"), "m"));
        assertThrows(TranslationException.class, () -> MessagesToResponsesRequest.translate(Fixtures.json(
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"file\",\"file_id\":\"x\"}}]}]}"), "m"));
    }
}
