package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponsesToMessagesRequestTest {

    /** The shape Codex 0.169 sends (checked on loopback), with a finished tool round trip and a reasoning item. */
    static final String CODEX_TURN = """
            {"model":"gpt-5","stream":true,"store":false,"include":["reasoning.encrypted_content"],
             "prompt_cache_key":"k","reasoning":{"summary":"auto"},"tool_choice":"auto","parallel_tool_calls":true,
             "input":[
              {"type":"message","role":"developer","content":[{"type":"input_text","text":"You are Codex."}]},
              {"type":"message","role":"developer","content":[{"type":"input_text","text":"sandbox: read-only"},{"type":"input_text","text":"approvals: never"}]},
              {"type":"message","role":"user","content":[{"type":"input_text","text":"<environment_context>cwd</environment_context>"}]},
              {"type":"message","role":"user","content":[{"type":"input_text","text":"list files"}]},
              {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAAA-opaque"},
              {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Listing."}]},
              {"type":"function_call","call_id":"call_a","name":"exec_command","arguments":"{\\"cmd\\":\\"ls\\"}"},
              {"type":"function_call","call_id":"call_b","name":"exec_command","arguments":"{\\"cmd\\":\\"pwd\\"}"},
              {"type":"function_call_output","call_id":"call_a","output":"a.txt\\nb.txt"},
              {"type":"function_call_output","call_id":"call_b","output":"/tmp"},
              {"type":"message","role":"user","content":[{"type":"input_text","text":"thanks"}]}
             ],
             "tools":[
              {"type":"function","name":"exec_command","description":"Runs a command","strict":false,
               "parameters":{"type":"object","properties":{"cmd":{"type":"string"}},"required":["cmd"]}},
              {"type":"namespace","name":"multi_agent_v1","description":"agents","tools":[
                {"type":"function","name":"spawn_agent","description":"spawns","strict":false,"parameters":{"type":"object","properties":{}}}]},
              {"type":"web_search","external_web_access":false},
              {"type":"custom","name":"apply_patch","description":"Applies a patch","format":{"type":"grammar"}}
             ]}""";

    @Test
    void codexTurnBecomesAValidMessagesRequest() {
        ObjectNode out = ResponsesToMessagesRequest.translate(Fixtures.json(CODEX_TURN), "claude-sonnet-4-5");
        assertEquals("claude-sonnet-4-5", out.path("model").asText());
        assertEquals("You are Codex.\n\nsandbox: read-only\n\napprovals: never", out.path("system").asText());
        assertEquals(ResponsesToMessagesRequest.DEFAULT_MAX_TOKENS, out.path("max_tokens").asInt());
        assertTrue(out.path("stream").asBoolean());
        JsonNode messages = out.path("messages");
        assertEquals(3, messages.size(), messages.toString());
        JsonNode user = messages.get(0);
        assertEquals("user", user.path("role").asText());
        assertEquals(2, user.path("content").size(), "both user messages join one turn");
        JsonNode assistant = messages.get(1);
        assertEquals("assistant", assistant.path("role").asText());
        assertEquals("Listing.", assistant.path("content").get(0).path("text").asText());
        assertEquals("tool_use", assistant.path("content").get(1).path("type").asText());
        assertEquals("call_a", assistant.path("content").get(1).path("id").asText());
        assertEquals("ls", assistant.path("content").get(1).path("input").path("cmd").asText());
        assertEquals("call_b", assistant.path("content").get(2).path("id").asText(), "parallel calls share the turn");
        assertFalse(assistant.toString().contains("gAAAA"), "reasoning is dropped");
        JsonNode results = messages.get(2).path("content");
        assertEquals("tool_result", results.get(0).path("type").asText());
        assertEquals("call_a", results.get(0).path("tool_use_id").asText());
        assertEquals("a.txt\nb.txt", results.get(0).path("content").asText());
        assertEquals("call_b", results.get(1).path("tool_use_id").asText());
        assertEquals("thanks", results.get(2).path("text").asText(), "the user's words follow the results");
    }

    @Test
    void toolsAreFlattenedAndBuiltInsDropped() {
        ObjectNode out = ResponsesToMessagesRequest.translate(Fixtures.json(CODEX_TURN), "m");
        JsonNode tools = out.path("tools");
        assertEquals(3, tools.size(), tools.toString());
        assertEquals("exec_command", tools.get(0).path("name").asText());
        assertEquals("cmd", tools.get(0).path("input_schema").path("required").get(0).asText());
        assertEquals("spawn_agent", tools.get(1).path("name").asText(), "namespace tools are flattened");
        assertEquals("apply_patch", tools.get(2).path("name").asText());
        assertEquals("string", tools.get(2).path("input_schema").path("properties").path("input").path("type").asText());
        assertEquals("auto", out.path("tool_choice").path("type").asText());
        assertFalse(out.path("tool_choice").has("disable_parallel_tool_use"));
        ResponsesTools kinds = ResponsesTools.of(Fixtures.json(CODEX_TURN).get("tools"));
        assertEquals(new ResponsesTools.Function("multi_agent_v1"), kinds.kind("spawn_agent"));
        assertEquals(new ResponsesTools.Custom(), kinds.kind("apply_patch"));
        assertEquals(new ResponsesTools.Function(null), kinds.kind("exec_command"));
    }

    @Test
    void stringInputInstructionsAndOptions() {
        ObjectNode out = ResponsesToMessagesRequest.translate(Fixtures.json("""
                {"model":"gpt-5","instructions":"Be brief.","input":"hi","max_output_tokens":100,"temperature":0.2,
                 "top_p":0.9,"tool_choice":"required","parallel_tool_calls":false,
                 "tools":[{"type":"function","name":"f","parameters":{"type":"object"}}]}"""), "m");
        assertEquals("Be brief.", out.path("system").asText());
        assertEquals("hi", out.path("messages").get(0).path("content").get(0).path("text").asText());
        assertEquals(100, out.path("max_tokens").asInt());
        assertEquals(0.2, out.path("temperature").asDouble());
        assertEquals(0.9, out.path("top_p").asDouble());
        assertEquals("any", out.path("tool_choice").path("type").asText());
        assertTrue(out.path("tool_choice").path("disable_parallel_tool_use").asBoolean());
        assertFalse(out.has("stream"));
    }

    @Test
    void namedToolChoiceAndNone() {
        ObjectNode named = ResponsesToMessagesRequest.translate(Fixtures.json("""
                {"input":"x","tool_choice":{"type":"function","name":"f"},
                 "tools":[{"type":"function","name":"f","parameters":{"type":"object"}}]}"""), "m");
        assertEquals("tool", named.path("tool_choice").path("type").asText());
        assertEquals("f", named.path("tool_choice").path("name").asText());
        ObjectNode none = ResponsesToMessagesRequest.translate(Fixtures.json("""
                {"input":"x","tool_choice":"none","tools":[{"type":"function","name":"f"}]}"""), "m");
        assertEquals("none", none.path("tool_choice").path("type").asText());
        assertEquals("object", none.path("tools").get(0).path("input_schema").path("type").asText());
    }

    @Test
    void systemRoleMessagesImagesFilesAndRoleOnlyItems() {
        ObjectNode out = ResponsesToMessagesRequest.translate(Fixtures.json("""
                {"input":[{"role":"system","content":"sys"},
                  {"role":"user","content":[{"type":"input_text","text":"see"},
                    {"type":"input_image","image_url":"data:image/png;base64,iVBOR"},
                    {"type":"input_image","image_url":"https://example.com/a.png"},
                    {"type":"input_file","filename":"a.pdf","file_data":"data:application/pdf;base64,JVBER"}]},
                  {"role":"assistant","content":"plain"}]}"""), "m");
        assertEquals("sys", out.path("system").asText());
        JsonNode content = out.path("messages").get(0).path("content");
        assertEquals("image", content.get(1).path("type").asText());
        assertEquals("base64", content.get(1).path("source").path("type").asText());
        assertEquals("image/png", content.get(1).path("source").path("media_type").asText());
        assertEquals("iVBOR", content.get(1).path("source").path("data").asText());
        assertEquals("url", content.get(2).path("source").path("type").asText());
        assertEquals("document", content.get(3).path("type").asText());
        assertEquals("application/pdf", content.get(3).path("source").path("media_type").asText());
        assertEquals("a.pdf", content.get(3).path("title").asText());
        assertEquals("plain", out.path("messages").get(1).path("content").get(0).path("text").asText());
    }

    @Test
    void customToolCallsAndArrayOutputs() {
        ObjectNode out = ResponsesToMessagesRequest.translate(Fixtures.json("""
                {"input":[{"role":"user","content":"patch it"},
                  {"type":"custom_tool_call","call_id":"c1","name":"apply_patch","input":"*** Begin Patch"},
                  {"type":"custom_tool_call_output","call_id":"c1","output":"Done"},
                  {"type":"function_call","call_id":"c2","name":"view_image","arguments":"{}"},
                  {"type":"function_call_output","call_id":"c2","output":[{"type":"input_text","text":"an image"},
                    {"type":"input_image","image_url":"data:image/jpeg;base64,/9j"}]}]}"""), "m");
        JsonNode messages = out.path("messages");
        assertEquals("*** Begin Patch", messages.get(1).path("content").get(0).path("input").path("input").asText());
        assertEquals("Done", messages.get(2).path("content").get(0).path("content").asText());
        JsonNode arrayResult = messages.get(4).path("content").get(0).path("content");
        assertEquals("text", arrayResult.get(0).path("type").asText());
        assertEquals("image", arrayResult.get(1).path("type").asText());
        assertEquals("image/jpeg", arrayResult.get(1).path("source").path("media_type").asText());
    }

    @Test
    void anOutputWhoseCallWasDroppedStaysAsText() {
        ObjectNode out = ResponsesToMessagesRequest.translate(Fixtures.json("""
                {"input":[{"role":"user","content":"q"},
                  {"type":"local_shell_call","call_id":"s1","action":{"type":"exec","command":["ls"]}},
                  {"type":"function_call_output","call_id":"s1","output":"files"}]}"""), "m");
        JsonNode last = out.path("messages").get(0).path("content");
        assertEquals(2, last.size());
        assertEquals("text", last.get(1).path("type").asText());
        assertTrue(last.get(1).path("text").asText().contains("files"));
    }

    @Test
    void badArgumentsAreHandedOnWrapped() {
        ObjectNode out = ResponsesToMessagesRequest.translate(Fixtures.json("""
                {"input":[{"role":"user","content":"q"},{"type":"function_call","call_id":"c","name":"f","arguments":"{not json"}]}"""), "m");
        assertEquals("{not json", out.path("messages").get(1).path("content").get(0).path("input").path("invalid_arguments").asText());
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThrows(TranslationException.class, () -> ResponsesToMessagesRequest.translate(Fixtures.json("[]"), "m"));
        assertThrows(TranslationException.class, () -> ResponsesToMessagesRequest.translate(Fixtures.json("{\"model\":\"x\"}"), "m"));
        assertThrows(TranslationException.class, () -> ResponsesToMessagesRequest.translate(Fixtures.json(
                "{\"input\":[{\"role\":\"tool\",\"content\":\"x\"}]}"), "m"));
        assertThrows(TranslationException.class, () -> ResponsesToMessagesRequest.translate(Fixtures.json(
                "{\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\",\"file_id\":\"f\"}]}]}"), "m"));
    }
}
