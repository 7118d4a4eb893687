package dev.detour.health;

import dev.detour.config.Config;
import dev.detour.config.Family;
import dev.detour.config.Session;
import dev.detour.config.Upstream;
import dev.detour.wire.FailureClass;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Says, in plain words, what is wrong and which move helps: reroute (to which healthy upstream), wait, lower
 * concurrency, fix a key, or look at the local network when no reroute can help. Pure.
 */
public final class Advisor {
    private Advisor() {
    }

    public static List<Advice> advise(Config config, Map<String, UpstreamHealth> health, EdgeVerdict edge) {
        List<Advice> out = new ArrayList<>();
        if (edge.edge()) {
            out.add(new Advice(null, List.copyOf(config.sessions().keySet()), FailureClass.EDGE,
                    "edge failure: " + edge.reason() + " — rerouting will not help; check your network, VPN or firewall",
                    null));
            return out;
        }
        for (Upstream u : config.upstreams().values()) {
            UpstreamHealth h = health.get(u.name());
            if (h == null || h.state() == HealthState.HEALTHY || h.state() == HealthState.UNKNOWN) {
                continue;
            }
            List<Session> using = config.sessions().values().stream()
                    .filter(s -> !s.route().isEmpty() && s.route().get(0).equals(u.name())).toList();
            out.add(adviceFor(config, u, h, using, health));
        }
        if (out.isEmpty()) {
            boolean anyUnknown = health.values().stream().anyMatch(h -> h.state() == HealthState.UNKNOWN);
            boolean anyHealthy = health.values().stream().anyMatch(h -> h.state() == HealthState.HEALTHY);
            if (anyHealthy && !anyUnknown) {
                out.add(new Advice(null, List.of(), null, "all upstreams healthy: nothing to do", null));
            }
        }
        return out;
    }

    private static Advice adviceFor(Config config, Upstream u, UpstreamHealth h, List<Session> using,
                                    Map<String, UpstreamHealth> health) {
        List<String> names = using.stream().map(Session::name).toList();
        FailureClass c = h.failureClass();
        String move = moves(config, u, using, health);
        String command = commands(config, u, using, health);
        String text;
        if (c == FailureClass.RATE_LIMITED) {
            String retry = h.retryAfterS() != null ? ", retry in " + h.retryAfterS() + " s" : "";
            String evidence = UpstreamHealth.TRAFFIC.equals(h.source()) ? ", " + h.detail() : "";
            text = u.name() + ": rate-limited on your own key (429" + retry + evidence
                    + "): rerouting helps only to an upstream with its own quota; lowering concurrency helps"
                    + (using.isEmpty() || move == null ? "" : " → " + move);
        } else if (c == FailureClass.SPEND_CAP) {
            text = u.name() + ": spend cap reached (" + h.detail() + "): waiting will not help; raise the limit with "
                    + "the provider" + (using.isEmpty() ? "" : move == null ? "; no healthy upstream to reroute "
                    + String.join(", ", names) + " to" : ", or " + move);
        } else if (c == FailureClass.AUTH) {
            String status = h.probe() != null && h.probe().status() != null ? String.valueOf(h.probe().status())
                    : h.passive() != null && h.passive().lastStatus() != null ? String.valueOf(h.passive().lastStatus()) : "401/403";
            String check = u.authEnvVar().map(v -> "check " + v)
                    .orElse("check the agents' own key or login (auth = passthrough)");
            text = "auth: " + status + " from " + u.name() + " — " + check
                    + (using.isEmpty() || move == null ? "" : "; meanwhile " + move);
        } else if (c == FailureClass.CLIENT_ERROR) {
            text = u.name() + ": " + h.reason() + " — check base_url of " + u.name() + " in the config";
        } else if (h.state() == HealthState.DEGRADED && (c == null || c == FailureClass.OK)) {
            text = u.name() + ": degraded (" + h.incident() + "): traffic still flows"
                    + (using.isEmpty() || move == null ? "" : "; if errors rise, " + move);
        } else {
            String head = u.name() + ": " + h.reason();
            if (using.isEmpty()) {
                text = head + " (no session sends traffic to it first)";
            } else if (move == null) {
                text = head + " → no healthy upstream to reroute " + String.join(", ", names)
                        + " to; wait for it, or add an upstream";
            } else {
                text = head + " → " + move;
            }
        }
        return new Advice(u.name(), names, c, text, command, byTarget(config, u, using, health));
    }

    /** "reroute main, api to corp-proxy (healthy, 180 ms); flip batch to openai (healthy, 300 ms)", or null. */
    private static String moves(Config config, Upstream from, List<Session> using, Map<String, UpstreamHealth> health) {
        Map<String, List<String>> byTarget = byTarget(config, from, using, health);
        if (byTarget.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        byTarget.forEach((target, sessions) -> {
            UpstreamHealth t = health.get(target);
            Upstream tu = config.upstreams().get(target);
            String verb = tu.family() == from.family() ? "reroute " : "flip ";
            parts.add(verb + String.join(", ", sessions) + " to " + target + " (" + t.state().word()
                    + (t.latencyMs() == null ? "" : ", " + t.latencyMs() + " ms") + ")");
        });
        return String.join("; ", parts);
    }

    private static String commands(Config config, Upstream from, List<Session> using, Map<String, UpstreamHealth> health) {
        Map<String, List<String>> byTarget = byTarget(config, from, using, health);
        if (byTarget.isEmpty()) {
            return null;
        }
        return byTarget.entrySet().stream()
                .map(e -> "detour reroute " + String.join(" ", e.getValue()) + " --to " + e.getKey())
                .collect(Collectors.joining("; "));
    }

    private static Map<String, List<String>> byTarget(Config config, Upstream from, List<Session> using,
                                                      Map<String, UpstreamHealth> health) {
        Map<String, List<String>> byTarget = new LinkedHashMap<>();
        for (Session s : using) {
            String target = target(config, s, from, health);
            if (target != null) {
                byTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(s.name());
            }
        }
        return byTarget;
    }

    /**
     * Where a session should go instead: the first healthy upstream of its own route (the user put it there); else
     * any healthy upstream of the same family; else one of the other family (a family flip).
     */
    static String target(Config config, Session s, Upstream from, Map<String, UpstreamHealth> health) {
        for (String name : s.route()) {
            if (!name.equals(from.name()) && healthy(health, name)) {
                return name;
            }
        }
        for (Family f : new Family[]{from.family(), from.family().other()}) {
            for (Upstream u : config.upstreams().values()) {
                if (u.family() == f && !u.name().equals(from.name()) && healthy(health, u.name())) {
                    return u.name();
                }
            }
        }
        return null;
    }

    private static boolean healthy(Map<String, UpstreamHealth> health, String name) {
        UpstreamHealth h = health.get(name);
        return h != null && h.state() == HealthState.HEALTHY;
    }
}
