package dev.detour.cloud;

/** How a request authenticates to Bedrock: SigV4 with access keys, or a Bedrock API key as a bearer token. */
public sealed interface AwsAuth {
    /** Where the credential came from, for messages (e.g. "environment", "profile dev in ~/.aws/credentials"). */
    String source();

    /** Access keys for SigV4; {@code sessionToken} is null for long-term keys. */
    record Keys(String accessKeyId, String secretAccessKey, String sessionToken, String source) implements AwsAuth {
        @Override
        public String toString() {
            return "AWS keys from " + source;
        }
    }

    /** A Bedrock API key ({@code AWS_BEARER_TOKEN_BEDROCK}, or the variable of {@code auth = "env:VAR"}). */
    record Bearer(String token, String source) implements AwsAuth {
        @Override
        public String toString() {
            return "Bedrock API key from " + source;
        }
    }
}
