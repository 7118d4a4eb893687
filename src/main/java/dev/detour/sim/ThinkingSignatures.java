package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Thinking signatures as a simulated Anthropic upstream makes and checks them: bound to the sim that made them, the
 * way real signatures are bound to their provider, so that a conversation moved between upstreams meets the same
 * {@code 400 Invalid signature in thinking block} it would meet in production.
 */
public final class ThinkingSignatures {
    private ThinkingSignatures() {
    }

    /** The signature the sim called {@code simName} gives a thinking block with this text. */
    public static String sign(String simName, String thinking) {
        return SimServer.fingerprint(simName + "\u0000" + thinking).replace("sha256:", "sig_");
    }

    /** The API's refusal message when the request carries a thinking block this sim did not sign, else null. */
    public static String refusal(String simName, JsonNode request) {
        JsonNode messages = request.path("messages");
        for (int m = 0; m < messages.size(); m++) {
            JsonNode content = messages.get(m).path("content");
            for (int b = 0; b < content.size(); b++) {
                JsonNode block = content.get(b);
                String type = block.path("type").asText();
                boolean signed = switch (type) {
                    case "thinking" -> sign(simName, block.path("thinking").asText()).equals(block.path("signature").asText());
                    case "redacted_thinking" -> sign(simName, "").equals(block.path("data").asText());
                    default -> true;
                };
                if (!signed) {
                    return "messages." + m + ".content." + b + ": Invalid `signature` in `" + type + "` block";
                }
            }
        }
        return null;
    }
}
