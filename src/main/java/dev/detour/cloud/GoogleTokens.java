package dev.detour.cloud;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Bearer tokens for Vertex AI from Google Application Default Credentials ({@code GOOGLE_APPLICATION_CREDENTIALS},
 * gcloud's ADC file, the metadata server), by {@code google-auth-library}: it caches the token and refreshes it
 * before it expires. Loaded on first use, so a bridge without a Vertex upstream never pays for it.
 */
public final class GoogleTokens {
    static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");
    static final String CREDENTIALS_VAR = "GOOGLE_APPLICATION_CREDENTIALS";
    private final Function<String, String> env;
    private volatile GoogleCredentials credentials;

    /** @param env the environment that names the credentials file (the bridge's own) */
    public GoogleTokens(Function<String, String> env) {
        this.env = env;
    }

    /** A valid access token now (refreshed when it is about to expire). */
    public String token() throws CloudAuthException {
        GoogleCredentials c = credentials();
        try {
            c.refreshIfExpired();
        } catch (IOException e) {
            throw new CloudAuthException("Google Application Default Credentials could not get a token: "
                    + firstLine(e.getMessage()), e);
        }
        AccessToken token = c.getAccessToken();
        if (token == null) {
            throw new CloudAuthException("Google Application Default Credentials gave no access token");
        }
        return token.getTokenValue();
    }

    private GoogleCredentials credentials() throws CloudAuthException {
        GoogleCredentials c = credentials;
        if (c == null) {
            synchronized (this) {
                if (credentials == null) {
                    try {
                        GoogleCredentials found = load();
                        credentials = found.createScopedRequired() ? found.createScoped(SCOPES) : found;
                    } catch (IOException e) {
                        throw new CloudAuthException("no Google Application Default Credentials: set "
                                + "GOOGLE_APPLICATION_CREDENTIALS to a service-account or ADC file, or run "
                                + "'gcloud auth application-default login' (" + firstLine(e.getMessage()) + ")", e);
                    }
                }
                c = credentials;
            }
        }
        return c;
    }

    /** {@code GOOGLE_APPLICATION_CREDENTIALS} as this bridge's environment has it, else the library's own lookup. */
    private GoogleCredentials load() throws IOException {
        String file = env.apply(CREDENTIALS_VAR);
        if (file == null || file.isBlank()) {
            return GoogleCredentials.getApplicationDefault();
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return GoogleCredentials.fromStream(in);
        } catch (NoSuchFileException e) {
            throw new IOException(CREDENTIALS_VAR + " names " + file + ", which does not exist", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
