package dev.detour.config;

import java.util.regex.Pattern;

/** The regional endpoints of the cloud dialects, derived from region (and the Vertex location rules). Pure. */
public final class CloudEndpoints {
    private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d");
    private static final Pattern GOOGLE_REGION = Pattern.compile("global|us|eu|[a-z]+-[a-z]+\\d+");
    private static final Pattern GOOGLE_PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");

    private CloudEndpoints() {
    }

    /** {@code https://bedrock-runtime.REGION.amazonaws.com}. */
    public static String bedrock(String region) {
        return "https://bedrock-runtime." + region + ".amazonaws.com";
    }

    /** {@code global} and the multi-regions have their own hosts; every other location is {@code REGION-aiplatform}. */
    public static String vertex(String region) {
        return switch (region) {
            case "global" -> "https://aiplatform.googleapis.com";
            case "us", "eu" -> "https://aiplatform." + region + ".rep.googleapis.com";
            default -> "https://" + region + "-aiplatform.googleapis.com";
        };
    }

    /** The base URL a cloud dialect uses when the table sets none; null for the other dialects. */
    public static String derived(Dialect api, String region) {
        return switch (api) {
            case BEDROCK -> bedrock(region);
            case VERTEX -> vertex(region);
            default -> null;
        };
    }

    /** Whether {@code region} is spelled like a region of the dialect's cloud (e.g. us-west-2, europe-west1). */
    public static boolean plausibleRegion(Dialect api, String region) {
        return (api == Dialect.BEDROCK ? AWS_REGION : GOOGLE_REGION).matcher(region).matches();
    }

    /** Whether {@code project} is spelled like a Google Cloud project id (6–30 lower-case letters, digits, '-'). */
    public static boolean plausibleProject(String project) {
        return GOOGLE_PROJECT.matcher(project).matches();
    }
}
