package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a simulated model answers, decided from the request alone so that runs are repeatable. It makes a real agent
 * do a tool round trip: when the request offers {@code Read} and the prompt asks to read an absolute path, or offers
 * {@code Bash} (or Codex's {@code exec_command}) and the prompt holds a command in backticks, the reply asks for that tool; when the newest user turn
 * carries a tool result, the reply quotes it. Anything else gets a text answer naming the sim. Every text answer ends
 * with {@link #END}, so a test can tell a complete answer from a truncated one.
 */
public final class ReplyScript {
    public static final String END = "END-OF-ANSWER";
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(/[\\w.\\-/]+)");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
    /** "count to N": a long answer of N words on request, for benchmarks (three words a stream event). */
    private static final Pattern COUNT_TO = Pattern.compile("count to (\\d{1,5})");
    private static final int QUOTE_LIMIT = 400;

    /** One content block of a reply. */
    public sealed interface Block permits Text, ToolUse {
    }

    public record Text(String text) implements Block {
    }

    public record ToolUse(String id, String name, ObjectNode input) implements Block {
    }

    /** @param stopReason {@code end_turn} or {@code tool_use} */
    public record Reply(List<Block> blocks, String stopReason) {
    }

    private ReplyScript() {
    }

    /** The reply of the sim called {@code simName} to a Messages request. */
    public static Reply reply(String simName, JsonNode request, String toolUseId) {
        JsonNode lastUser = lastUserMessage(request.path("messages"));
        String toolResult = toolResult(lastUser);
        if (toolResult != null) {
            return text("Answer from " + simName + ": the tool returned: " + quote(toolResult) + " " + END);
        }
        String prompt = prompt(lastUser);
        List<String> tools = new ArrayList<>();
        request.path("tools").forEach(t -> tools.add(t.path("name").asText()));
        Matcher path = ABSOLUTE_PATH.matcher(prompt);
        if (tools.contains("Read") && prompt.toLowerCase(java.util.Locale.ROOT).contains("read") && path.find()) {
            ObjectNode input = JsonNodeFactory.instance.objectNode().put("file_path", path.group(1));
            return toolUse("I will read " + path.group(1) + ".", new ToolUse(toolUseId, "Read", input));
        }
        Matcher count = COUNT_TO.matcher(prompt);
        if (count.matches()) {
            StringBuilder words = new StringBuilder("Answer from " + simName + ":");
            for (int i = 1; i <= Integer.parseInt(count.group(1)); i++) {
                words.append(' ').append(i);
            }
            return text(words.append(' ').append(END).toString());
        }
        Matcher command = BACKTICKED.matcher(prompt);
        if (tools.contains("Bash") && command.find()) {
            ObjectNode input = JsonNodeFactory.instance.objectNode().put("command", command.group(1))
                    .put("description", "Run the command the user asked for");
            return toolUse("I will run it.", new ToolUse(toolUseId, "Bash", input));
        }
        if (tools.contains("exec_command") && command.reset().find()) {
            ObjectNode input = JsonNodeFactory.instance.objectNode().put("cmd", command.group(1));
            return toolUse("I will run it.", new ToolUse(toolUseId, "exec_command", input));
        }
        return text("Answer from " + simName + ": you said \"" + quote(prompt)
                + "\". This answer arrives in several parts, so that a cut is visible. " + END);
    }

    private static Reply text(String text) {
        return new Reply(List.of(new Text(text)), "end_turn");
    }

    private static Reply toolUse(String preface, ToolUse tool) {
        return new Reply(List.of(new Text(preface), tool), "tool_use");
    }

    private static JsonNode lastUserMessage(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                return messages.get(i);
            }
        }
        return JsonNodeFactory.instance.objectNode();
    }

    /** The text of a tool result in the message, or null when it has none. */
    private static String toolResult(JsonNode message) {
        for (JsonNode block : message.path("content")) {
            if ("tool_result".equals(block.path("type").asText())) {
                JsonNode content = block.path("content");
                if (content.isTextual()) {
                    return content.asText();
                }
                StringBuilder text = new StringBuilder();
                content.forEach(part -> text.append(part.path("text").asText()));
                return text.toString();
            }
        }
        return null;
    }

    /** The user's words: the newest text block that is not a system reminder injected by the agent. */
    private static String prompt(JsonNode message) {
        JsonNode content = message.path("content");
        if (content.isTextual()) {
            return content.asText();
        }
        for (int i = content.size() - 1; i >= 0; i--) {
            JsonNode block = content.get(i);
            String text = block.path("text").asText("");
            if ("text".equals(block.path("type").asText()) && !text.startsWith("<system-reminder>")) {
                return text;
            }
        }
        return "";
    }

    private static String quote(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= QUOTE_LIMIT ? oneLine : oneLine.substring(0, QUOTE_LIMIT) + "...";
    }

    /** Splits a text into the pieces a stream sends one delta each (about three words a piece). */
    public static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        String[] words = text.split("(?<= )");
        StringBuilder piece = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            piece.append(words[i]);
            if ((i + 1) % 3 == 0 || i == words.length - 1) {
                pieces.add(piece.toString());
                piece.setLength(0);
            }
        }
        return pieces;
    }
}
