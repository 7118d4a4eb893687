package dev.detour.cloud;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;

import java.io.IOException;
import java.util.List;

/**
 * Bearer tokens for Vertex AI from Google Application Default Credentials ({@code GOOGLE_APPLICATION_CREDENTIALS},
 * gcloud's ADC file, the metadata server), by {@code google-auth-library}: it caches the token and refreshes it
 * before it expires. Loaded on first use, so a bridge without a Vertex upstream never pays for it.
 */
public final class GoogleTokens {
    static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");
    private volatile GoogleCredentials credentials;

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
                        GoogleCredentials found = GoogleCredentials.getApplicationDefault();
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

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
