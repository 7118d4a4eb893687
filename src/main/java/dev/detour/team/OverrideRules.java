package dev.detour.team;

import dev.detour.config.Config;
import dev.detour.config.Family;
import dev.detour.config.Session;
import dev.detour.config.Upstream;

/** How a box applies a team override to one of its own sessions, by the names in its own config. Pure. */
public final class OverrideRules {
    private OverrideRules() {
    }

    public static Decision decide(TeamOverride override, Config config, String sessionName, long nowMs) {
        if (override == null) {
            return Decision.NONE;
        }
        if (override.clear()) {
            return new Decision("cleared", null, null);
        }
        if (override.until() <= nowMs) {
            return new Decision("expired", null, null);
        }
        Session session = config.sessions().get(sessionName);
        if (session == null) {
            return Decision.NONE;
        }
        if (!session.team()) {
            return new Decision("ignored", null, "team = false for session " + sessionName);
        }
        if (override.upstream() != null) {
            if (!config.upstreams().containsKey(override.upstream())) {
                return new Decision("ignored", null, "this box has no upstream named \"" + override.upstream() + "\"");
            }
            return new Decision("applied", override.upstream(), null);
        }
        Family family = Family.fromWireName(override.family());
        if (family == null) {
            return new Decision("ignored", null, "\"" + override.family() + "\" is not a family");
        }
        String target = session.route().stream()
                .filter(name -> config.upstreams().get(name).family() == family)
                .findFirst()
                .or(() -> config.upstreams().values().stream().filter(u -> u.family() == family)
                        .map(Upstream::name).findFirst())
                .orElse(null);
        if (target == null) {
            return new Decision("ignored", null, "this box has no upstream of family " + family.wireName());
        }
        return new Decision("applied", target, null);
    }
}
