package dev.detour.translate;

import java.util.Locale;
import java.util.Map;

/**
 * Maps the Claude model an agent asks for to the model of another upstream, through that upstream's {@code models}
 * table: the keys {@code opus}, {@code sonnet} and {@code haiku} match when the Claude model name contains them, and
 * {@code default} catches the rest.
 */
public final class ModelMap {
    public static final String DEFAULT = "default";
    private static final String[] TIERS = {"opus", "sonnet", "haiku"};

    private ModelMap() {
    }

    /**
     * @param requested the {@code model} of the agent's request (e.g. {@code claude-sonnet-4-5-20250929})
     * @param models    the upstream's table; empty means models pass through unchanged
     * @return the model to send upstream
     */
    public static String map(String requested, Map<String, String> models) {
        if (requested == null || models.isEmpty() || models.containsValue(requested)) {
            return requested == null ? models.get(DEFAULT) : requested;
        }
        String lower = requested.toLowerCase(Locale.ROOT);
        for (String tier : TIERS) {
            if (lower.contains(tier) && models.containsKey(tier)) {
                return models.get(tier);
            }
        }
        return models.getOrDefault(DEFAULT, requested);
    }
}
