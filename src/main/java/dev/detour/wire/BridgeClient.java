package dev.detour.wire;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Talks to a running bridge's control API on loopback: stats and reload. */
public final class BridgeClient {
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofMillis(500))
            .readTimeout(Duration.ofSeconds(2))
            .callTimeout(Duration.ofSeconds(3))
            .build();

    private final String baseUrl;

    /** @param baseUrl the agent-facing base URL, {@code http://127.0.0.1:PORT/t/TOKEN} */
    public BridgeClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static String baseUrl(int port, String token) {
        return "http://127.0.0.1:" + port + "/t/" + token;
    }

    /** The client for a session's bridge, from its token file. */
    public static BridgeClient forSession(int port, Path tokenFile) throws IOException {
        return new BridgeClient(baseUrl(port, Files.readString(tokenFile, StandardCharsets.UTF_8).trim()));
    }

    public String baseUrl() {
        return baseUrl;
    }

    public BridgeStats stats() throws IOException {
        try (Response response = HTTP.newCall(new Request.Builder().url(baseUrl + "/_detour/stats").build()).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("bridge stats: HTTP " + response.code());
            }
            return JSON.readValue(response.body().byteStream(), BridgeStats.class);
        }
    }

    /** Asks the bridge to re-read the config now; returns the bridge's answer body. */
    public String reload() throws IOException {
        Request request = new Request.Builder().url(baseUrl + "/_detour/reload")
                .post(RequestBody.create(new byte[0])).build();
        try (Response response = HTTP.newCall(request).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw new IOException("bridge reload: HTTP " + response.code() + ": " + body);
            }
            return body;
        }
    }
}
