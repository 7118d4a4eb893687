package dev.detour.team;

import dev.detour.config.Config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the team once for {@code status}: the live summaries merged into a view, the overrides and what this box
 * does with each. The view read last is kept in {@code STATE/team/view.json}, so that with Redis gone the report
 * still shows it, marked stale with its age.
 */
public final class TeamStatus {
    private TeamStatus() {
    }

    public static TeamReport read(Team team, Config config, Path stateDir, long nowMs) {
        return new Reader(team).read(config, stateDir, nowMs);
    }

    /**
     * A reader that polls (the dashboard): it keeps what it verified, so that each read parses and verifies only
     * the messages that changed since the last one.
     */
    public static final class Reader {
        private final Team team;
        private final Inbox inbox;

        public Reader(Team team) {
            this.team = team;
            this.inbox = new Inbox(team.newGate());
        }

        public TeamReport read(Config config, Path stateDir, long nowMs) {
            Set<String> problems = new LinkedHashSet<>();
            Path cache = stateDir.resolve("team").resolve("view.json");
            try {
                List<Summary> summaries = new ArrayList<>();
                for (String stored : team.store().summaries()) {
                    inbox.read(stored, "summary", null, Summary.class, nowMs, Team.SUMMARY_TTL.plus(Gate.SKEW))
                            .ifPresent(letter -> summaries.add(letter.body().madeAt(letter.envelope().ts())));
                }
                TeamView view = TeamMerge.merge(summaries, nowMs);
                List<TeamReport.OverrideSeen> overrides = new ArrayList<>();
                for (Map.Entry<String, String> e : team.store().overrides().entrySet()) {
                    inbox.read(e.getValue(), "override", e.getKey(), TeamOverride.class, nowMs,
                                    BridgeTeamAgent.OVERRIDE_MAX_AGE)
                            .ifPresent(letter -> overrides.add(seen(letter, config, stateDir, nowMs)));
                }
                inbox.drainProblems().forEach(p -> problems.add(p.text()));
                localProblems(config, stateDir).forEach(problems::add);
                keep(cache, view);
                return new TeamReport(team.settings().name(), team.settings().box(), team.store().link().where(), true,
                        null, null, view, overrides, List.copyOf(problems));
            } catch (TeamUnavailable e) {
                Optional<TeamView> last = Codec.read(readQuietly(cache), TeamView.class);
                localProblems(config, stateDir).forEach(problems::add);
                return new TeamReport(team.settings().name(), team.settings().box(), team.store().link().where(), false,
                        e.getMessage(), last.map(v -> Math.max(0, (nowMs - v.at()) / 1000)).orElse(null),
                        last.orElse(null), List.of(), List.copyOf(problems));
            }
        }
    }

    private static TeamReport.OverrideSeen seen(Inbox.Letter<TeamOverride> letter, Config config, Path stateDir, long nowMs) {
        TeamOverride o = letter.body();
        Decision here = OverrideRules.decide(o, config, o.session(), nowMs);
        String state = config.sessions().containsKey(o.session()) ? here.state() : "no such session here";
        Optional<TeamState> bridge = TeamStateFile.read(TeamStateFile.of(stateDir, o.session()));
        if (bridge.isPresent() && bridge.get().decision() != null && o.equals(bridge.get().override())) {
            here = bridge.get().decision();
            state = here.state() + " by the bridge";
        }
        return new TeamReport.OverrideSeen(o.session(), o.clear() ? null : o.target(), o.clear(), o.until(), o.by(),
                letter.envelope().box(), o.reason(), state, here.why());
    }

    private static List<String> localProblems(Config config, Path stateDir) {
        List<String> out = new ArrayList<>();
        for (String session : config.sessions().keySet()) {
            TeamStateFile.read(TeamStateFile.of(stateDir, session)).ifPresent(s -> {
                s.problems().forEach(p -> out.add("bridge " + session + ": " + p));
                if (!s.redisOk() && s.error() != null) {
                    out.add("bridge " + session + ": " + s.error());
                }
            });
        }
        return out;
    }

    private static void keep(Path cache, TeamView view) {
        try {
            Files.createDirectories(cache.getParent());
            Path tmp = cache.resolveSibling("view.json.tmp");
            Files.writeString(tmp, Codec.write(view), StandardCharsets.UTF_8);
            Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException cannotKeep) {
            // the cache only serves a later read while Redis is down; status itself is complete without it
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
