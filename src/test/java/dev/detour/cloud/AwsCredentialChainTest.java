package dev.detour.cloud;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsCredentialChainTest {
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY";
    @TempDir
    Path home;
    final Map<String, String> env = new HashMap<>();

    AwsCredentialChainTest() {
        env.put("HOME", "/nonexistent-home");
    }

    @Test
    void aBedrockApiKeyComesFirstThenEnvironmentKeys() throws Exception {
        env.put("AWS_ACCESS_KEY_ID", "AKIDENV");
        env.put("AWS_SECRET_ACCESS_KEY", SECRET);
        env.put("AWS_SESSION_TOKEN", "session-token-value");
        AwsAuth.Keys keys = assertInstanceOf(AwsAuth.Keys.class, new AwsCredentialChain(env::get).resolve());
        assertEquals("AKIDENV", keys.accessKeyId());
        assertEquals("session-token-value", keys.sessionToken());
        assertFalse(keys.toString().contains(SECRET), "toString never shows the secret");
        env.put("AWS_BEARER_TOKEN_BEDROCK", "bedrock-api-key-value");
        AwsAuth.Bearer bearer = assertInstanceOf(AwsAuth.Bearer.class, new AwsCredentialChain(env::get).resolve());
        assertEquals("bedrock-api-key-value", bearer.token());
        assertFalse(bearer.toString().contains("bedrock-api-key-value"));
    }

    @Test
    void aProfileIsReadFromTheFilesAndReadAgainWhenTheyChange() throws Exception {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Path credentials = Files.writeString(aws.resolve("credentials"),
                "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s1\n\n"
                        + "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s2\naws_session_token = t1\n");
        env.put("HOME", home.toString());
        AwsCredentialChain chain = new AwsCredentialChain(env::get);
        assertEquals("AKIDDEFAULT", ((AwsAuth.Keys) chain.resolve()).accessKeyId());
        env.put("AWS_PROFILE", "dev");
        AwsAuth.Keys dev = (AwsAuth.Keys) chain.resolve();
        assertEquals("t1", dev.sessionToken());
        assertEquals("profile dev", dev.source());
        Files.writeString(credentials, "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s2\naws_session_token = t2\n");
        Files.setLastModifiedTime(credentials, FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals("t2", ((AwsAuth.Keys) chain.resolve()).sessionToken(), "refreshed session credentials are used");
    }

    @Test
    void aProfileInTheConfigFileCounts() throws Exception {
        Path config = Files.writeString(home.resolve("config"), "[profile ops]\naws_access_key_id = AKIDOPS\naws_secret_access_key = s3\n");
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_PROFILE", "ops");
        assertEquals("AKIDOPS", ((AwsAuth.Keys) new AwsCredentialChain(env::get).resolve()).accessKeyId());
    }

    @Test
    void noCredentialsSaysWhereItLookedWithoutAnySecret() {
        env.put("AWS_SECRET_ACCESS_KEY", SECRET);
        CloudAuthException e = assertThrows(CloudAuthException.class, () -> new AwsCredentialChain(env::get).resolve());
        assertTrue(e.getMessage().contains("AWS_BEARER_TOKEN_BEDROCK") && e.getMessage().contains("AWS_ACCESS_KEY_ID")
                && e.getMessage().contains("/nonexistent-home/.aws/credentials"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }
}
