package dev.detour.translate;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Model ids across the clouds. Anthropic names a model {@code claude-sonnet-4-5-20250929}; Bedrock wraps it as
 * {@code us.anthropic.claude-sonnet-4-5-20250929-v1:0} (an inference profile: the region's geography in front);
 * Vertex writes {@code claude-sonnet-4-5@20250929}. An upstream's {@code models} table wins; otherwise a dated
 * Anthropic id is rewritten by these rules, and anything else cannot be mapped (the caller reports it). A Bedrock ARN
 * (an inference profile of the agent's account) goes unchanged to a Bedrock upstream in its region; elsewhere it is
 * known by the model id it names, when it names one. Pure.
 */
public final class CloudModels {
    private static final Pattern DATED = Pattern.compile("(claude-[a-z0-9-]+?)-(\\d{8})");
    private static final Pattern BEDROCK = Pattern.compile("(?:([a-z]+)\\.)?anthropic\\.(claude-[a-z0-9-]+?)(-v\\d+(?::\\d+)?)?");
    /** A Bedrock ARN: region, kind (foundation-model, inference-profile, application-inference-profile, ...) and id. */
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:bedrock:([a-z0-9-]+):(?:\\d{12})?:([a-z-]+)/(.+)");
    private static final Pattern VERTEX = Pattern.compile("(claude-[a-z0-9-]+)@(\\d{8})");

    private CloudModels() {
    }

    /** The Bedrock model id for the agent's {@code requested} model, or null when neither table nor rule maps it. */
    public static String bedrock(String requested, Map<String, String> models, String region) {
        String mapped = fromTable(requested, models);
        if (mapped != null) {
            return mapped;
        }
        if (requested == null) {
            return null;
        }
        Matcher arn = ARN.matcher(requested);
        if (BEDROCK.matcher(requested).matches() || arn.matches() && arn.group(1).equals(region)) {
            return requested;
        }
        String anthropic = anthropic(requested);
        Matcher dated = DATED.matcher(anthropic);
        return dated.matches() ? geography(region) + ".anthropic." + anthropic + "-v1:0" : null;
    }

    /** The Vertex model id for the agent's {@code requested} model, or null when neither table nor rule maps it. */
    public static String vertex(String requested, Map<String, String> models) {
        String mapped = fromTable(requested, models);
        if (mapped != null) {
            return mapped;
        }
        if (requested == null) {
            return null;
        }
        if (VERTEX.matcher(requested).matches()) {
            return requested;
        }
        Matcher dated = DATED.matcher(anthropic(requested));
        return dated.matches() ? dated.group(1) + "@" + dated.group(2) : null;
    }

    /** The Anthropic id of a Bedrock or Vertex model id (an Anthropic id comes back unchanged). */
    public static String anthropic(String cloudId) {
        Matcher arn = ARN.matcher(cloudId);
        if (arn.matches()) {
            return BEDROCK.matcher(arn.group(3)).matches() ? anthropic(arn.group(3)) : cloudId;
        }
        Matcher bedrock = BEDROCK.matcher(cloudId);
        if (bedrock.matches()) {
            return bedrock.group(2);
        }
        Matcher vertex = VERTEX.matcher(cloudId);
        return vertex.matches() ? vertex.group(1) + "-" + vertex.group(2) : cloudId;
    }

    /** The table's entry for the requested tier; null when the table is empty or has none (not even a default). */
    private static String fromTable(String requested, Map<String, String> models) {
        if (models.isEmpty()) {
            return null;
        }
        if (requested != null && models.containsValue(requested)) {
            return requested;
        }
        String lower = requested == null ? "" : anthropic(requested).toLowerCase(Locale.ROOT);
        for (String tier : new String[]{"opus", "sonnet", "haiku"}) {
            if (lower.contains(tier) && models.containsKey(tier)) {
                return models.get(tier);
            }
        }
        return models.get(ModelMap.DEFAULT);
    }

    /** The inference-profile prefix of a region: us, eu, apac (Bedrock's cross-region geographies), else global. */
    static String geography(String region) {
        if (region == null) {
            return "global";
        }
        if (region.startsWith("us-") || region.startsWith("ca-")) {
            return "us";
        }
        if (region.startsWith("eu-")) {
            return "eu";
        }
        return region.startsWith("ap-") ? "apac" : "global";
    }
}
