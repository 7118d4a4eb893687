package dev.detour.cloud;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** credential_process profiles run a real process: its JSON is parsed, its Expiration honoured, its failures named. */
class CredentialProcessTest {
    static final String SECRET = "process-secret/" + "K7MDENGbPxRfiCY";
    @TempDir
    Path dir;
    final Map<String, String> env = new HashMap<>();
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T10:00:00Z"));

    /** A script that counts its runs in a file and prints keys numbered by the run, expiring at {@code expiration}. */
    private Path script(String expiration) throws Exception {
        Path counter = dir.resolve("runs");
        Files.writeString(counter, "");
        String expires = expiration == null ? "" : ", \"Expiration\": \"" + expiration + "\"";
        return writeScript("creds.sh", "echo run >> '" + counter + "'\nn=$(wc -l < '" + counter + "' | tr -d ' ')\n"
                + "printf '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC%s\", \"SecretAccessKey\": \"" + SECRET
                + "\", \"SessionToken\": \"token-%s\"" + expires + "}' \"$n\" \"$n\"\n");
    }

    private Path writeScript(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        assertTrue(file.toFile().setExecutable(true));
        return file;
    }

    private AwsCredentialChain chain(String profile) throws Exception {
        Path config = Files.writeString(dir.resolve("config"), profile);
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        env.put("AWS_PROFILE", "proc");
        return new AwsCredentialChain(env::get, clock);
    }

    private int runs() throws Exception {
        return (int) Files.readString(dir.resolve("runs")).lines().count();
    }

    @Test
    void theProcessRunsOnceAndAgainShortlyBeforeItsKeysExpire() throws Exception {
        Path script = script("2026-11-30T11:00:00Z");
        AwsCredentialChain chain = chain("[profile proc]\ncredential_process = " + script + " --profile proc\n");
        AwsAuth.Keys first = (AwsAuth.Keys) chain.resolve();
        assertEquals("AKIDPROC1", first.accessKeyId());
        assertEquals(SECRET, first.secretAccessKey());
        assertEquals("token-1", first.sessionToken());
        assertEquals("credential_process of profile proc", first.source());
        clock.now = Instant.parse("2026-11-30T10:58:00Z");
        assertEquals("AKIDPROC1", ((AwsAuth.Keys) chain.resolve()).accessKeyId());
        assertEquals(1, runs(), "kept while they are valid");
        clock.now = Instant.parse("2026-11-30T10:59:30Z");
        assertEquals("AKIDPROC2", ((AwsAuth.Keys) chain.resolve()).accessKeyId(), "refreshed a minute before Expiration");
        assertEquals(2, runs());
        assertFalse(first.toString().contains(SECRET));
    }

    @Test
    void keysWithoutExpirationAreKeptUntilTheCommandChanges() throws Exception {
        Path script = script(null);
        AwsCredentialChain chain = chain("[profile proc]\ncredential_process = " + script + "\n");
        assertEquals("AKIDPROC1", ((AwsAuth.Keys) chain.resolve()).accessKeyId());
        clock.now = clock.now.plus(Duration.ofDays(30));
        assertEquals("AKIDPROC1", ((AwsAuth.Keys) chain.resolve()).accessKeyId());
        assertEquals(1, runs());
    }

    @Test
    void failuresNameTheProfileAndNeverShowTheOutput() throws Exception {
        Path failing = writeScript("fail.sh", "echo 'token expired for key sk-ant-api03-AbCdEf123456' >&2\nexit 3\n");
        CloudAuthException exit = assertThrows(CloudAuthException.class,
                () -> chain("[profile proc]\ncredential_process = " + failing + "\n").resolve());
        assertEquals("AWS profile \"proc\": credential_process exited with 3: token expired for key sk-ant-…", exit.getMessage());

        Path notJson = writeScript("text.sh", "echo 'AccessKeyId=AKID " + SECRET + "'\n");
        CloudAuthException text = assertThrows(CloudAuthException.class,
                () -> chain("[profile proc]\ncredential_process = " + notJson + "\n").resolve());
        assertEquals("AWS profile \"proc\": credential_process did not print JSON", text.getMessage());

        Path expired = script("2026-11-30T09:00:00Z");
        CloudAuthException old = assertThrows(CloudAuthException.class,
                () -> chain("[profile proc]\ncredential_process = " + expired + "\n").resolve());
        assertTrue(old.getMessage().contains("expired at 2026-11-30T09:00:00Z"), old.getMessage());
        assertFalse(old.getMessage().contains(SECRET));
    }

    @Test
    void aProcessThatHangsIsStoppedAtTheTimeLimit() throws Exception {
        Path hang = writeScript("hang.sh", "exec sleep 30\n");
        CredentialProcess process = new CredentialProcess("proc", hang.toString(), clock, Duration.ofMillis(500));
        long start = System.nanoTime();
        CloudAuthException e = assertThrows(CloudAuthException.class, process::keys);
        assertTrue(e.getMessage().startsWith("AWS profile \"proc\": credential_process did not finish within 500 ms"),
                e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20, "stopped, not waited for");
    }

    @Test
    void roleSsoAndWebIdentityProfilesAreRefusedByName() throws Exception {
        String[][] cases = {
                {"role_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = default\n", "assumes a role (role_arn)"},
                {"sso_session = corp\nsso_account_id = 123456789012\nsso_role_name = dev\n", "signs in with IAM Identity Center (SSO)"},
                {"sso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n", "signs in with IAM Identity Center (SSO)"},
                {"web_identity_token_file = /var/run/token\nrole_arn = arn:aws:iam::1:role/x\n", "assumes a role (role_arn)"},
                {"region = us-west-2\n", "has no aws_access_key_id/aws_secret_access_key and no credential_process"}};
        for (String[] c : cases) {
            CloudAuthException e = assertThrows(CloudAuthException.class, () -> chain("[profile proc]\n" + c[0]).resolve());
            assertTrue(e.getMessage().startsWith("AWS profile \"proc\" " + c[1] + ", which detour does not read: add "
                    + "credential_process = aws configure export-credentials --profile proc --format process"), e.getMessage());
        }
    }

    static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
