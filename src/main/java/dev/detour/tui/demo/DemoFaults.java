package dev.detour.tui.demo;

import dev.detour.tui.model.Outcome;
import dev.detour.tui.shell.FaultSwitch;

import dev.detour.tui.shell.FaultSwitch;
import dev.detour.tui.model.Outcome;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Switches a demo sim between healthy and answering 529 (overloaded), through its {@code /_sim/fault} endpoint. */
public final class DemoFaults implements FaultSwitch {
    private static final MediaType JSON = MediaType.get("application/json");
    private OkHttpClient http;
    private final Map<String, Integer> simPorts;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    /** @param simPorts upstream name to its sim's port */
    public DemoFaults(Map<String, Integer> simPorts) {
        this.simPorts = Map.copyOf(simPorts);
    }

    /** Made on first use, off the UI thread: loading OkHttp would delay the dashboard's first frame. */
    private synchronized OkHttpClient client() {
        if (http == null) {
            http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(3)).build();
        }
        return http;
    }

    @Override
    public Outcome toggle(String upstream) {
        return set(upstream, !failing.contains(upstream));
    }

    public Outcome set(String upstream, boolean fail) {
        Integer port = simPorts.get(upstream);
        if (port == null) {
            return Outcome.error(upstream + " is not one of the demo's simulated upstreams");
        }
        String body = fail ? "{\"mode\":\"status\",\"status\":529}" : "{\"mode\":\"healthy\"}";
        Request request = new Request.Builder().url("http://127.0.0.1:" + port + "/_sim/fault")
                .post(RequestBody.create(body, JSON)).build();
        try (Response response = client().newCall(request).execute()) {
            if (!response.isSuccessful()) {
                return Outcome.error(upstream + ": the sim refused the fault: HTTP " + response.code());
            }
        } catch (IOException e) {
            return Outcome.error(upstream + ": the sim does not answer: " + e.getMessage());
        }
        if (fail) {
            failing.add(upstream);
            return Outcome.info("demo: " + upstream + " now answers 529 overloaded (x again heals it)");
        }
        failing.remove(upstream);
        return Outcome.info("demo: " + upstream + " is healthy again");
    }
}
