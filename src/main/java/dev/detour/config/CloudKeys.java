package dev.detour.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules for the keys a cloud dialect adds to an upstream table ({@code region}, {@code project}, the cloud's own
 * {@code auth}, the model tiers). Pure: returns the first problem, with the key it concerns.
 */
final class CloudKeys {
    static final List<String> TIERS = List.of("opus", "sonnet", "haiku", "default");

    /** @param key the key at fault, or null for the table itself (a missing key) */
    record Problem(String key, String message) {
    }

    private CloudKeys() {
    }

    static Optional<Problem> check(Dialect api, String region, String project, String auth, Map<String, String> models) {
        if (!api.cloud()) {
            if (region != null) {
                return problem("region", "region applies to api = \"bedrock\" or \"vertex\"; this upstream's api is \""
                        + api.wireName() + "\"");
            }
            if (project != null) {
                return problem("project", "project applies to api = \"vertex\"; this upstream's api is \"" + api.wireName() + "\"");
            }
            return Optional.empty();
        }
        String cloud = api == Dialect.BEDROCK ? "AWS" : "Google Cloud";
        String example = api == Dialect.BEDROCK ? "\"us-west-2\"" : "\"europe-west1\" (or \"global\", \"us\")";
        if (region == null) {
            return problem(null, "missing region: api = \"" + api.wireName() + "\" needs the " + cloud
                    + " region, e.g. region = " + example);
        }
        if (!CloudEndpoints.plausibleRegion(api, region)) {
            return problem("region", "\"" + region + "\" is not an " + cloud + " region: expected e.g. " + example);
        }
        if (api == Dialect.VERTEX && project == null) {
            return problem(null, "missing project: api = \"vertex\" needs the Google Cloud project id, e.g. project = \"my-project\"");
        }
        if (api == Dialect.VERTEX && !CloudEndpoints.plausibleProject(project)) {
            return problem("project", "\"" + project + "\" is not a Google Cloud project id: 6–30 lower-case letters, digits and '-'");
        }
        if (api == Dialect.BEDROCK && project != null) {
            return problem("project", "project applies to api = \"vertex\"; Bedrock needs only region");
        }
        String own = api == Dialect.BEDROCK ? Upstream.AWS : Upstream.GCLOUD;
        if (auth.equals(Upstream.PASSTHROUGH) || auth.equals(Upstream.AWS) && !own.equals(Upstream.AWS)
                || auth.equals(Upstream.GCLOUD) && !own.equals(Upstream.GCLOUD)) {
            return problem("auth", "api = \"" + api.wireName() + "\" takes auth = \"" + own + "\" (" + ownDescription(api)
                    + ") or \"env:VAR\" (a bearer token from environment variable VAR); \"" + auth
                    + "\" would not authenticate to " + cloud);
        }
        for (String tier : models.keySet()) {
            if (!TIERS.contains(tier)) {
                return problem("models", "unknown model tier \"" + tier + "\": expected " + String.join(", ", TIERS)
                        + " (the model an agent asks for is matched by these words)");
            }
        }
        return Optional.empty();
    }

    private static String ownDescription(Dialect api) {
        return api == Dialect.BEDROCK
                ? "the standard AWS credential chain, or a Bedrock API key in AWS_BEARER_TOKEN_BEDROCK"
                : "Application Default Credentials";
    }

    private static Optional<Problem> problem(String key, String message) {
        return Optional.of(new Problem(key, message));
    }
}
