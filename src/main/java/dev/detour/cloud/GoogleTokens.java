package dev.detour.cloud;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.GoogleCredentials;
import dev.detour.config.Network;
import dev.detour.net.Egress;
import okhttp3.OkHttpClient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Bearer tokens for Vertex AI from Google Application Default Credentials ({@code GOOGLE_APPLICATION_CREDENTIALS},
 * gcloud's ADC file, the metadata server), by {@code google-auth-library}: it caches the token and refreshes it
 * before it expires. Loaded on first use, so a bridge without a Vertex upstream never pays for it. Token calls go out
 * through the upstream's {@link Egress} (proxy, CAs, client certificate), one set of credentials per network setting.
 */
public final class GoogleTokens {
    static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");
    static final String CREDENTIALS_VAR = "GOOGLE_APPLICATION_CREDENTIALS";
    private final Function<String, String> env;
    private final Map<List<Network>, GoogleCredentials> credentials = new ConcurrentHashMap<>();

    /** @param env the environment that names the credentials file (the bridge's own) */
    public GoogleTokens(Function<String, String> env) {
        this.env = env;
    }

    /** A valid access token now (refreshed when it is about to expire), fetched through {@code egress}. */
    public String token(Egress egress, Network upstream) throws CloudAuthException {
        GoogleCredentials c = credentials(egress, upstream);
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

    private GoogleCredentials credentials(Egress egress, Network upstream) throws CloudAuthException {
        List<Network> key = Arrays.asList(egress.defaults(), upstream);
        GoogleCredentials c = credentials.get(key);
        if (c != null) {
            return c;
        }
        synchronized (this) {
            c = credentials.get(key);
            if (c == null) {
                OkHttpTransport transport = new OkHttpTransport(egress.apply(new OkHttpClient.Builder(), upstream).build());
                try {
                    GoogleCredentials found = load(() -> transport);
                    c = found.createScopedRequired() ? found.createScoped(SCOPES) : found;
                } catch (IOException e) {
                    throw new CloudAuthException("no Google Application Default Credentials: set "
                            + "GOOGLE_APPLICATION_CREDENTIALS to a service-account or ADC file, or run "
                            + "'gcloud auth application-default login' (" + firstLine(e.getMessage()) + ")", e);
                }
                credentials.put(key, c);
            }
            return c;
        }
    }

    /** {@code GOOGLE_APPLICATION_CREDENTIALS} as this bridge's environment has it, else the library's own lookup. */
    private GoogleCredentials load(HttpTransportFactory transport) throws IOException {
        String file = env.apply(CREDENTIALS_VAR);
        if (file == null || file.isBlank()) {
            return GoogleCredentials.getApplicationDefault(transport);
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return GoogleCredentials.fromStream(in, transport);
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
