package dev.detour.cloud;

import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * The standard AWS chain, the part a developer box uses: a Bedrock API key in {@code AWS_BEARER_TOKEN_BEDROCK}; keys
 * in {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} (with {@code AWS_SESSION_TOKEN}); else the profile
 * {@code AWS_PROFILE} (default {@code default}) in {@code ~/.aws/credentials} and {@code ~/.aws/config} (or the files
 * {@code AWS_SHARED_CREDENTIALS_FILE} and {@code AWS_CONFIG_FILE} name), with keys or a {@code credential_process}.
 * The files are parsed by the SDK's profile reader and read again when they change, so refreshed session credentials
 * are picked up without a restart. Role, SSO and web-identity profiles are refused with the profile's name and the
 * {@code credential_process} line that makes them usable.
 */
public final class AwsCredentialChain {
    public static final String BEARER_VAR = "AWS_BEARER_TOKEN_BEDROCK";
    private final Function<String, String> env;
    private final Clock clock;
    private volatile Cached cached;
    private volatile CredentialProcess process;

    private record Cached(Path credentials, FileTime credentialsTime, Path config, FileTime configTime, ProfileFile file) {
    }

    public AwsCredentialChain(Function<String, String> env) {
        this(env, Clock.systemUTC());
    }

    /** @param clock decides when {@code credential_process} keys have expired */
    public AwsCredentialChain(Function<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
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
            return fromProfile(profileName, profile.get());
        }
        throw new CloudAuthException("no AWS credentials: set " + BEARER_VAR + " (a Bedrock API key), or AWS_ACCESS_KEY_ID "
                + "and AWS_SECRET_ACCESS_KEY, or a profile \"" + profileName + "\" in " + credentialsFile()
                + " (AWS_PROFILE picks another)");
    }

    private AwsAuth fromProfile(String name, Profile profile) throws CloudAuthException {
        Optional<String> id = profile.property(ProfileProperty.AWS_ACCESS_KEY_ID);
        Optional<String> key = profile.property(ProfileProperty.AWS_SECRET_ACCESS_KEY);
        if (id.isPresent() && key.isPresent()) {
            return new AwsAuth.Keys(id.get(), key.get(), profile.property(ProfileProperty.AWS_SESSION_TOKEN).orElse(null),
                    "profile " + name);
        }
        Optional<String> command = profile.property(ProfileProperty.CREDENTIAL_PROCESS).filter(c -> !c.isBlank());
        if (command.isPresent()) {
            CredentialProcess known = process;
            if (known == null || !known.profile().equals(name) || !known.command().equals(command.get())) {
                known = new CredentialProcess(name, command.get(), clock, CredentialProcess.TIMEOUT);
                process = known;
            }
            return known.keys();
        }
        String kind = profile.property(ProfileProperty.ROLE_ARN).isPresent() ? "assumes a role (role_arn)"
                : profile.property("sso_session").or(() -> profile.property(ProfileProperty.SSO_START_URL)).isPresent()
                ? "signs in with IAM Identity Center (SSO)"
                : profile.property(ProfileProperty.WEB_IDENTITY_TOKEN_FILE).isPresent() ? "uses a web identity token"
                : "has no aws_access_key_id/aws_secret_access_key and no credential_process";
        throw new CloudAuthException("AWS profile \"" + name + "\" " + kind + ", which detour does not read: add "
                + "credential_process = aws configure export-credentials --profile " + name + " --format process "
                + "to a profile of its own and set AWS_PROFILE to that one, or export the keys with "
                + "'aws configure export-credentials --profile " + name + " --format env'");
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
