package dev.detour.tui.demo;

import dev.detour.wire.BridgeClient;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Light synthetic agent traffic: every few seconds, per session, one streamed Messages request through the
 * session's bridge, the way Claude Code sends it (its own session id header, a dummy credential the sims accept).
 */
public final class DemoTraffic implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final List<String> PROMPTS = List.of("Summarise the failing test", "Rename this function",
            "Why does the build fail?", "Write a docstring for parse()", "Explain this stack trace");
    private volatile OkHttpClient http;
    private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "detour-demo-traffic");
        t.setDaemon(true);
        return t;
    });

    /** @param sessions session name to bridge port; tokens are read from {@code tokenFile(session)} */
    public void start(Map<String, Integer> sessions, java.util.function.Function<String, Path> tokenFile) {
        http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
        for (Map.Entry<String, Integer> e : sessions.entrySet()) {
            String conversation = UUID.randomUUID().toString();
            long first = ThreadLocalRandom.current().nextLong(300, 1500);
            pool.scheduleWithFixedDelay(() -> send(e.getKey(), e.getValue(), tokenFile.apply(e.getKey()), conversation),
                    first, 2500 + ThreadLocalRandom.current().nextLong(0, 1500), TimeUnit.MILLISECONDS);
        }
    }

    private void send(String session, int port, Path tokenFile, String conversation) {
        try {
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
            String prompt = PROMPTS.get(ThreadLocalRandom.current().nextInt(PROMPTS.size()));
            String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":512,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
            Request request = new Request.Builder().url(BridgeClient.baseUrl(port, token) + "/v1/messages?beta=true")
                    .header("x-api-key", "demo-key-for-the-simulated-upstreams")
                    .header("anthropic-version", "2023-06-01")
                    .header("X-Claude-Code-Session-Id", conversation)
                    .header("User-Agent", "detour-demo-agent (" + session + ")")
                    .post(RequestBody.create(body, JSON)).build();
            try (Response response = http.newCall(request).execute()) {
                response.body().bytes();
            }
        } catch (IOException | RuntimeException e) {
            // a failed request is part of the incident the demo shows; the bridge's stats record it
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
