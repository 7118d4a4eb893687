package dev.detour.bridge;

import dev.detour.config.Config;
import dev.detour.config.Failover;
import dev.detour.config.Family;
import dev.detour.config.Session;
import dev.detour.config.Upstream;
import dev.detour.dialect.AgentRequest;
import dev.detour.dialect.Credential;
import dev.detour.net.Egress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which upstreams of a session's route a request may use, in order, and why the others are left out. Pure.
 *
 * @param eligible upstreams in route order: the first is tried first
 * @param skipped  upstream name to the reason it is left out (failover mode, family, unset key, no protocol)
 */
public record FailoverPlan(List<Upstream> eligible, Map<String, String> skipped) {
    public FailoverPlan {
        eligible = List.copyOf(eligible);
        skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /**
     * @param speaks whether the bridge has a protocol for an upstream's family and dialect
     * @param env    the bridge's environment, for {@code auth = "env:VAR"}
     */
    public static FailoverPlan of(Config config, Session session, Predicate<Upstream> speaks, Function<String, String> env) {
        List<Upstream> eligible = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        Family family = config.familyOf(session);
        for (int i = 0; i < session.route().size(); i++) {
            Upstream upstream = config.upstreams().get(session.route().get(i));
            String reason = null;
            if (i > 0 && session.failover() == Failover.OFF) {
                reason = "fallback not used: failover = \"off\"";
            } else if (i > 0 && session.failover() == Failover.SAME_FAMILY && upstream.family() != family) {
                reason = "other family (" + upstream.family().wireName() + "): failover = \"same-family\"";
            } else if (!speaks.test(upstream)) {
                reason = "this bridge cannot speak the " + upstream.family().wireName() + " dialect \""
                        + upstream.dialect() + "\" yet";
            } else if (upstream.authEnvVar().isPresent()) {
                String value = env.apply(upstream.authEnvVar().get());
                if (value == null || value.isBlank()) {
                    reason = "key variable " + upstream.authEnvVar().get() + " is unset in the bridge's environment";
                }
            }
            if (reason == null) {
                eligible.add(upstream);
            } else {
                skipped.put(upstream.name(), reason);
            }
        }
        return new FailoverPlan(eligible, skipped);
    }

    /** The credential a request carries to {@code upstream}: the agent's own only for a passthrough upstream. */
    public static Credential credential(Upstream upstream, AgentRequest agent, Function<String, String> env, Egress egress) {
        if (upstream.passthrough()) {
            return new Credential.AgentOwn(agent.headers().get("x-api-key"), agent.headers().get("authorization"));
        }
        if (upstream.ambientAuth()) {
            return new Credential.Ambient(egress);
        }
        return new Credential.Key(env.apply(upstream.authEnvVar().orElseThrow()));
    }
}
