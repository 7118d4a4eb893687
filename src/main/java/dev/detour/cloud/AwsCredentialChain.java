package dev.detour.cloud;

import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.function.Function;

/**
 * The standard AWS chain, the part a developer box uses: a Bedrock API key in {@code AWS_BEARER_TOKEN_BEDROCK}; keys
 * in {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} (with {@code AWS_SESSION_TOKEN}); else the profile
 * {@code AWS_PROFILE} (default {@code default}) in {@code ~/.aws/credentials} and {@code ~/.aws/config} (or the files
 * {@code AWS_SHARED_CREDENTIALS_FILE} and {@code AWS_CONFIG_FILE} name). The files are parsed by the SDK's profile
 * reader and read again when they change, so refreshed session credentials are picked up without a restart.
 */
public final class AwsCredentialChain {
    public static final String BEARER_VAR = "AWS_BEARER_TOKEN_BEDROCK";
    private final Function<String, String> env;
    private volatile Cached cached;

    private record Cached(Path credentials, FileTime credentialsTime, Path config, FileTime configTime, ProfileFile file) {
    }

    public AwsCredentialChain(Function<String, String> env) {
        this.env = env;
    }

    /** The credential to use now; throws with where it looked when there is none. */
    public AwsAuth resolve() throws CloudAuthException {
        String bearer = env.apply(BEARER_VAR);
        if (bearer != null && !bearer.isBlank()) {
            return new AwsAuth.Bearer(bearer.strip(), BEARER_VAR);
        }
        String keyId = env.apply("AWS_ACCESS_KEY_ID");
        String secret = env.apply("AWS_SECRET_ACCESS_KEY");
        if (keyId != null && !keyId.isBlank() && secret != null && !secret.isBlank()) {
            return new AwsAuth.Keys(keyId.strip(), secret.strip(), blankToNull(env.apply("AWS_SESSION_TOKEN")), "environment");
        }
        String profileName = Optional.ofNullable(blankToNull(env.apply("AWS_PROFILE"))).orElse("default");
        ProfileFile file = profiles();
        Optional<Profile> profile = file.profile(profileName);
        if (profile.isPresent()) {
            Optional<String> id = profile.get().property(ProfileProperty.AWS_ACCESS_KEY_ID);
            Optional<String> key = profile.get().property(ProfileProperty.AWS_SECRET_ACCESS_KEY);
            if (id.isPresent() && key.isPresent()) {
                return new AwsAuth.Keys(id.get(), key.get(),
                        profile.get().property(ProfileProperty.AWS_SESSION_TOKEN).orElse(null),
                        "profile " + profileName);
            }
            throw new CloudAuthException("AWS profile \"" + profileName + "\" has no aws_access_key_id/aws_secret_access_key "
                    + "(SSO, credential_process and role profiles are not read by detour: export the keys with "
                    + "'aws configure export-credentials --format env')");
        }
        throw new CloudAuthException("no AWS credentials: set " + BEARER_VAR + " (a Bedrock API key), or AWS_ACCESS_KEY_ID "
                + "and AWS_SECRET_ACCESS_KEY, or a profile \"" + profileName + "\" in " + credentialsFile()
                + " (AWS_PROFILE picks another)");
    }

    private ProfileFile profiles() throws CloudAuthException {
        Path credentials = credentialsFile();
        Path config = configFile();
        FileTime credentialsTime = modified(credentials);
        FileTime configTime = modified(config);
        Cached now = cached;
        if (now != null && now.credentials().equals(credentials) && java.util.Objects.equals(now.credentialsTime(), credentialsTime)
                && now.config().equals(config) && java.util.Objects.equals(now.configTime(), configTime)) {
            return now.file();
        }
        ProfileFile.Aggregator files = ProfileFile.aggregator();
        try {
            if (configTime != null) {
                files.addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build());
            }
            if (credentialsTime != null) {
                files.addFile(ProfileFile.builder().content(credentials).type(ProfileFile.Type.CREDENTIALS).build());
            }
        } catch (RuntimeException unreadable) {
            throw new CloudAuthException("cannot read the AWS profile files " + credentials + " / " + config + ": "
                    + unreadable.getMessage(), unreadable);
        }
        ProfileFile file = files.build();
        cached = new Cached(credentials, credentialsTime, config, configTime, file);
        return file;
    }

    private Path credentialsFile() {
        return fileOf("AWS_SHARED_CREDENTIALS_FILE", "credentials");
    }

    private Path configFile() {
        return fileOf("AWS_CONFIG_FILE", "config");
    }

    private Path fileOf(String variable, String name) {
        String set = blankToNull(env.apply(variable));
        if (set != null) {
            return Path.of(set);
        }
        String home = Optional.ofNullable(blankToNull(env.apply("HOME"))).orElse(System.getProperty("user.home"));
        return Path.of(home, ".aws", name);
    }

    private static FileTime modified(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.getLastModifiedTime(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
