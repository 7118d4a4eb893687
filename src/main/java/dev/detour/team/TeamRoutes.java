package dev.detour.team;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes team overrides ({@code detour reroute … --team}, {@code detour family … --team}) and their ends
 * ({@code --clear}). Nobody's config file changes: each box's bridges apply the override to their live route.
 */
public final class TeamRoutes {
    /** A stored message outlives the override it carries by this much, so that late readers see its end too. */
    static final Duration LINGER = Duration.ofMinutes(1);

    private TeamRoutes() {
    }

    /**
     * @param upstream the upstream to put first, or null when {@code family} is given
     * @return one line per session, for the person who ran the command
     */
    public static List<String> publish(Team team, List<String> sessions, String upstream, String family,
                                       Duration length, String reason, String by, long nowMs) throws TeamUnavailable {
        long until = nowMs + length.toMillis();
        List<String> lines = new ArrayList<>();
        for (String session : sessions) {
            TeamOverride override = new TeamOverride(session, false, upstream, family, until, reason, by);
            team.store().putOverride(session, team.seal("override", session, override, nowMs), until + LINGER.toMillis());
            lines.add(session + ": team override " + override.target() + " on every box of team "
                    + team.settings().name() + " for " + Durations.words(length) + " (until " + Instant.ofEpochMilli(until)
                    + ")");
        }
        return lines;
    }

    /** As {@link #publish} for a {@link TeamRequest}. */
    public static List<String> apply(Team team, TeamRequest request, String by, long nowMs) throws TeamUnavailable {
        return request.clear()
                ? clear(team, request.sessions(), request.reason(), by, nowMs)
                : publish(team, request.sessions(), request.upstream(), request.family(), request.length(),
                        request.reason(), by, nowMs);
    }

    /** The override in force for each session now (believed, not ended, not expired); sessions without one are left out. */
    public static java.util.Map<String, TeamOverride> current(Team team, List<String> sessions, long nowMs)
            throws TeamUnavailable {
        Inbox inbox = new Inbox(team.newGate());
        java.util.Map<String, TeamOverride> out = new java.util.LinkedHashMap<>();
        for (String session : sessions) {
            inbox.read(team.store().override(session), "override", session, TeamOverride.class, nowMs,
                            BridgeTeamAgent.OVERRIDE_MAX_AGE)
                    .map(Inbox.Letter::body)
                    .filter(o -> !o.clear() && o.until() > nowMs)
                    .ifPresent(o -> out.put(session, o));
        }
        return out;
    }

    /** Ends the sessions' overrides: their bridges go back to their own routes within a couple of seconds. */
    public static List<String> clear(Team team, List<String> sessions, String reason, String by, long nowMs)
            throws TeamUnavailable {
        Inbox inbox = new Inbox(team.newGate());
        List<String> lines = new ArrayList<>();
        for (String session : sessions) {
            long endsAt = inbox.read(team.store().override(session), "override", session, TeamOverride.class, nowMs,
                            BridgeTeamAgent.OVERRIDE_MAX_AGE)
                    .map(letter -> letter.body().until())
                    .orElse(nowMs + Durations.DEFAULT_OVERRIDE.toMillis());
            TeamOverride end = TeamOverride.clearing(session, by, reason, Math.max(endsAt, nowMs));
            team.store().putOverride(session, team.seal("override", session, end, nowMs),
                    Math.max(endsAt, nowMs) + LINGER.toMillis());
            lines.add(session + ": team override cleared; every box of team " + team.settings().name()
                    + " goes back to its own route");
        }
        return lines;
    }
}
