package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Non-streamed replies and error bodies between the Responses and Messages shapes. */
class ResponsesRepliesTest {

    @Test
    void responseObjectBecomesAMessage() {
        ObjectNode message = ResponsesReplyToMessage.translate(Fixtures.json("""
                {"id":"resp_9","object":"response","status":"completed","model":"gpt-5",
                 "output":[{"type":"reasoning","id":"rs","encrypted_content":"x"},
                  {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Hello"}]},
                  {"type":"function_call","call_id":"call_1","name":"Read","arguments":"{\\"file_path\\":\\"/a\\"}"}],
                 "usage":{"input_tokens":12,"input_tokens_details":{"cached_tokens":2},"output_tokens":3}}"""));
        assertEquals("msg_resp_9", message.path("id").asText());
        assertEquals("Hello", message.path("content").get(0).path("text").asText());
        assertEquals("tool_use", message.path("content").get(1).path("type").asText());
        assertEquals("/a", message.path("content").get(1).path("input").path("file_path").asText());
        assertEquals("tool_use", message.path("stop_reason").asText());
        assertEquals(10, message.path("usage").path("input_tokens").asInt());
        assertEquals(2, message.path("usage").path("cache_read_input_tokens").asInt());

        ObjectNode incomplete = ResponsesReplyToMessage.translate(Fixtures.json("""
                {"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"output":[]}"""));
        assertEquals("max_tokens", incomplete.path("stop_reason").asText());
        ObjectNode refused = ResponsesReplyToMessage.translate(Fixtures.json("""
                {"status":"completed","output":[{"type":"message","content":[{"type":"refusal","refusal":"No."}]}]}"""));
        assertEquals("refusal", refused.path("stop_reason").asText());
        assertEquals("No.", refused.path("content").get(0).path("text").asText());
        assertThrows(TranslationException.class, () -> ResponsesReplyToMessage.translate(Fixtures.json("""
                {"status":"failed","error":{"message":"x"}}""")));
    }

    @Test
    void messageBecomesAResponseObject() {
        ResponsesTools tools = ResponsesTools.of(Fixtures.json(ResponsesToMessagesRequestTest.CODEX_TURN).get("tools"));
        ObjectNode response = MessageToResponsesReply.translate(Fixtures.json("""
                {"id":"msg_7","type":"message","role":"assistant","model":"claude",
                 "content":[{"type":"thinking","thinking":"t","signature":"s"},{"type":"text","text":"Hi "},{"type":"text","text":"there"},
                  {"type":"tool_use","id":"toolu_1","name":"exec_command","input":{"cmd":"ls"}},
                  {"type":"tool_use","id":"toolu_2","name":"apply_patch","input":{"input":"*** Begin"}},
                  {"type":"tool_use","id":"toolu_3","name":"spawn_agent","input":{}}],
                 "stop_reason":"tool_use","usage":{"input_tokens":5,"output_tokens":7}}"""), tools, "gpt-5-codex");
        assertEquals("resp_7", response.path("id").asText());
        assertEquals("completed", response.path("status").asText());
        assertEquals("gpt-5-codex", response.path("model").asText());
        JsonNode output = response.path("output");
        assertEquals(4, output.size());
        assertEquals("Hi there", output.get(0).path("content").get(0).path("text").asText());
        assertEquals("{\"cmd\":\"ls\"}", output.get(1).path("arguments").asText());
        assertEquals("custom_tool_call", output.get(2).path("type").asText());
        assertEquals("*** Begin", output.get(2).path("input").asText());
        assertEquals("multi_agent_v1", output.get(3).path("namespace").asText());
        assertEquals(12, response.path("usage").path("total_tokens").asInt());
        ObjectNode cut = MessageToResponsesReply.translate(Fixtures.json(
                "{\"content\":[{\"type\":\"text\",\"text\":\"x\"}],\"stop_reason\":\"max_tokens\"}"), ResponsesTools.none(), null);
        assertEquals("incomplete", cut.path("status").asText());
        assertEquals("max_output_tokens", cut.path("incomplete_details").path("reason").asText());
    }

    @Test
    void anthropicErrorsBecomeOpenAiErrorsCodexActsOn() {
        JsonNode overloaded = ResponsesErrors.body(529, bytes("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        assertEquals("server_error", overloaded.path("error").path("code").asText());
        assertEquals("Overloaded", overloaded.path("error").path("message").asText());
        JsonNode quota = ResponsesErrors.body(429, bytes("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"insufficient_quota: used up\"}}"));
        assertEquals("insufficient_quota", quota.path("error").path("code").asText());
        JsonNode rate = ResponsesErrors.body(429, bytes("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow\"}}"));
        assertEquals("rate_limit_exceeded", rate.path("error").path("code").asText());
        JsonNode tooLong = ResponsesErrors.body(400, bytes("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long: 1 > 0\"}}"));
        assertEquals("context_length_exceeded", tooLong.path("error").path("code").asText());
        JsonNode html = ResponsesErrors.body(502, bytes("<html><body>Bad gateway</body></html>"));
        assertEquals("server_error", html.path("error").path("code").asText());
        assertTrue(html.path("error").path("message").asText().contains("Bad gateway"));
        assertEquals("invalid_api_key", ResponsesErrors.code("authentication_error", "x"));
    }

    @Test
    void openAiResponsesErrorBodiesTranslateForClaudeCode() {
        ErrorTranslator.Translated quota = ErrorTranslator.translate(429, """
                {"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""");
        assertEquals("rate_limit_error", quota.type());
        assertTrue(!quota.temporary());
        ErrorTranslator.Translated server = ErrorTranslator.translate(500, """
                {"error":{"message":"The server had an error","type":"server_error","param":null,"code":"server_error"}}""");
        assertEquals("api_error", server.type());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
