package dev.detour.supervise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What Claude Code says about itself in {@code ~/.claude/sessions/<pid>.json} (written by the CLI; not a stable
 * format: every field may be missing).
 *
 * @param status     e.g. {@code busy}, {@code idle} or {@code waiting}, or null
 * @param waitingFor what a waiting session waits for (e.g. {@code input needed}), or null
 * @param sessionId  the conversation id, the same as the {@code X-Claude-Code-Session-Id} header, or null
 * @param name       the session's name, or null
 */
public record ClaudeState(String status, String waitingFor, String sessionId, String name) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BYTES = 1 << 20;

    /** The state of Claude Code process {@code pid} from {@code CONFIG_DIR/sessions/<pid>.json}, when readable. */
    public static Optional<ClaudeState> read(Path claudeConfigDir, long pid) {
        Path file = claudeConfigDir.resolve("sessions").resolve(pid + ".json");
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return Optional.empty();
            }
            return parse(Files.readString(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<ClaudeState> parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new ClaudeState(text(node, "status"), text(node, "waitingFor"),
                    text(node, "sessionId"), text(node, "name")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
