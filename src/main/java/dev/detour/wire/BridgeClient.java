package dev.detour.wire;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Talks to a running bridge's control API on loopback: stats and reload. It uses the JDK's HttpURLConnection, whose
 * classes the JDK's own class-data archive already holds: OkHttp and Kotlin cost a {@code detour reroute} with a
 * bridge up about a third of its time (scripts/bench-cli), and a loopback call needs none of their features.
 */
public final class BridgeClient {
    private static final int CONNECT_TIMEOUT_MS = 500;
    private static final int READ_TIMEOUT_MS = 2_000;

    /** Made on first stats call: {@code reroute} only posts a reload. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

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
        HttpURLConnection connection = open("/_detour/stats", "GET");
        try {
            int code = connection.getResponseCode();
            if (code / 100 != 2) {
                throw new IOException("bridge stats: HTTP " + code);
            }
            try (InputStream body = connection.getInputStream()) {
                return Json.MAPPER.readValue(body, BridgeStats.class);
            }
        } finally {
            connection.disconnect();
        }
    }

    /** Asks the bridge to re-read the config now; returns the bridge's answer body. */
    public String reload() throws IOException {
        HttpURLConnection connection = open("/_detour/reload", "POST");
        try {
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(0);
            try (OutputStream ignored = connection.getOutputStream()) {
                // an empty body
            }
            int code = connection.getResponseCode();
            String body = text(code / 100 == 2 ? connection.getInputStream() : connection.getErrorStream());
            if (code / 100 != 2) {
                throw new IOException("bridge reload: HTTP " + code + ": " + body);
            }
            return body;
        } finally {
            connection.disconnect();
        }
    }

    private HttpURLConnection open(String path, String method) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection(Proxy.NO_PROXY);
        connection.setRequestMethod(method);
        connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
        connection.setReadTimeout(READ_TIMEOUT_MS);
        connection.setUseCaches(false);
        return connection;
    }

    private static String text(InputStream body) throws IOException {
        if (body == null) {
            return "";
        }
        try (body) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
