package dev.detour.route;

import dev.detour.config.Config;
import dev.detour.config.Family;
import dev.detour.config.Session;

import java.util.ArrayList;
import java.util.List;

/**
 * How one session's route changed: the route and family before and after. Its words are the ones every caller shows
 * (the CLI's lines, the dashboard's flash line, the journal).
 */
public record SessionChange(String kind, String session, List<String> routeBefore, List<String> routeAfter, Family familyBefore,
                            Family familyAfter) {
    public SessionChange {
        routeBefore = List.copyOf(routeBefore);
        routeAfter = List.copyOf(routeAfter);
    }

    /**
     * The sessions among {@code sessions} whose route differs between the two configs, in the order given.
     *
     * @param kind {@code reroute} or {@code family}: what was asked, which decides the words
     */
    public static List<SessionChange> between(String kind, Config before, Config after, List<String> sessions) {
        List<SessionChange> changes = new ArrayList<>();
        for (String name : sessions) {
            Session was = before.session(name).orElse(null);
            Session now = after.session(name).orElse(null);
            if (was == null || now == null || was.route().equals(now.route())) {
                continue;
            }
            changes.add(new SessionChange(kind, name, was.route(), now.route(),
                    was.route().isEmpty() ? null : before.familyOf(was), now.route().isEmpty() ? null : after.familyOf(now)));
        }
        return changes;
    }

    public String from() {
        return routeBefore.isEmpty() ? "(none)" : routeBefore.get(0);
    }

    public String to() {
        return routeAfter.isEmpty() ? "(none)" : routeAfter.get(0);
    }

    public boolean familyFlip() {
        return "family".equals(kind);
    }

    /** "main: route anthropic → corp-proxy", or for a family change "main: family anthropic → openai, now on openai". */
    public String summary(String arrow) {
        if (familyFlip()) {
            return session + ": family " + word(familyBefore) + " " + arrow + " " + word(familyAfter) + ", now on " + to();
        }
        return session + ": route " + from() + " " + arrow + " " + to();
    }

    /** The journal's from and to: the families for a family change, else the first upstreams. */
    public String journalFrom() {
        return familyFlip() ? word(familyBefore) : from();
    }

    public String journalTo() {
        return familyFlip() ? word(familyAfter) : to();
    }

    /** The journal's reason: who asked ({@code cli}, {@code dashboard}), and for a family change the new upstream. */
    public String journalReason(String source) {
        return familyFlip() ? source + ", now on " + to() : source;
    }

    private static String word(Family family) {
        return family == null ? "(none)" : family.wireName();
    }
}
