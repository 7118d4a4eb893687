package dev.detour.sim;

import java.util.function.Function;

/**
 * The credentials a cloud sim accepts, from its own environment (never from the config or the command line):
 * AWS keys ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, optional {@code AWS_SESSION_TOKEN}) and/or a
 * Bedrock API key ({@code AWS_BEARER_TOKEN_BEDROCK}) for Bedrock; a static bearer ({@code DETOUR_SIM_BEARER}) for
 * Vertex, besides the tokens the Vertex sim issues itself at {@code POST /token}.
 */
public record CloudSimAuth(String accessKeyId, String secretAccessKey, String sessionToken, String bedrockBearer,
                           String bearer) {
    public static final String BEARER_VAR = "DETOUR_SIM_BEARER";

    public static CloudSimAuth fromEnv(Function<String, String> env) {
        return new CloudSimAuth(blank(env.apply("AWS_ACCESS_KEY_ID")), blank(env.apply("AWS_SECRET_ACCESS_KEY")),
                blank(env.apply("AWS_SESSION_TOKEN")), blank(env.apply("AWS_BEARER_TOKEN_BEDROCK")),
                blank(env.apply(BEARER_VAR)));
    }

    public boolean hasAwsKeys() {
        return accessKeyId != null && secretAccessKey != null;
    }

    @Override
    public String toString() {
        return "CloudSimAuth[aws keys " + (hasAwsKeys() ? "set" : "unset") + ", bedrock bearer "
                + (bedrockBearer != null ? "set" : "unset") + ", bearer " + (bearer != null ? "set" : "unset") + "]";
    }

    static boolean same(String expected, String presented) {
        return expected != null && presented != null && java.security.MessageDigest.isEqual(
                expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                presented.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
