package dev.detour.tui.demo;

import java.util.List;

/**
 * The demo's config: simulated upstreams and three sessions on loopback ports. {@code docs} has failover off, so
 * when {@code anthropic} fails its errors reach the agent until someone reroutes it; {@code main} and {@code api}
 * fail over to {@code corp-proxy} by themselves and show it in the VIA column.
 */
public record DemoConfig(int anthropicPort, int proxyPort, Integer openaiPort, List<Integer> bridgePorts) {
    public static final List<String> SESSIONS = List.of("main", "api", "docs");
    public static final String OPENAI_KEY_VAR = "DETOUR_DEMO_OPENAI_KEY";

    public String text() {
        StringBuilder t = new StringBuilder();
        t.append("""
                # detour demo: a self-contained incident on loopback (simulated upstreams, no keys, no network).
                # `detour demo` wrote this file in a temporary folder and removes it when you quit.
                # Reroute from the dashboard (r) and watch the route lines below change.

                [settings]
                probe_interval_s = 5
                status_interval_s = 60
                control_hosts = ["127.0.0.1"]   # the demo stays on loopback

                [upstreams.anthropic]
                family = "anthropic"
                base_url = "http://127.0.0.1:%d"
                auth = "passthrough"

                # a second Anthropic-shaped upstream, as a corporate LLM proxy would be
                [upstreams.corp-proxy]
                family = "anthropic"
                base_url = "http://127.0.0.1:%d"
                auth = "passthrough"
                """.formatted(anthropicPort, proxyPort));
        if (openaiPort != null) {
            t.append("""

                    [upstreams.openai]
                    family = "openai"
                    base_url = "http://127.0.0.1:%d/v1"
                    auth = "env:%s"
                    models = { opus = "gpt-5", sonnet = "gpt-5", haiku = "gpt-5-mini", default = "gpt-5" }
                    """.formatted(openaiPort, OPENAI_KEY_VAR));
        }
        String fallback = openaiPort != null ? ", \"openai\"" : "";
        t.append("""

                [sessions.main]
                port = %d
                route = ["anthropic", "corp-proxy"%s]
                failover = "same-family"

                [sessions.api]
                port = %d
                route = ["anthropic", "corp-proxy"]
                failover = "same-family"

                # no automatic failover: this session's agents see the outage until you reroute it
                [sessions.docs]
                port = %d
                route = ["anthropic", "corp-proxy"]
                failover = "off"
                """.formatted(bridgePorts.get(0), fallback, bridgePorts.get(1), bridgePorts.get(2)));
        return t.toString();
    }
}
