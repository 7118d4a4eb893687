package dev.detour.cli;

import dev.detour.team.Durations;
import dev.detour.team.TeamReport;
import dev.detour.team.TeamView;

import java.time.Duration;

/** The team section of {@code detour status}: the team's view of each upstream, its overrides, refused messages. */
final class TeamText {
    private TeamText() {
    }

    static String render(TeamReport team, long nowMs) {
        if (team == null) {
            return "";
        }
        StringBuilder out = new StringBuilder("\nTEAM ").append(team.team()).append("  box ").append(team.box());
        if (team.redis() != null) {
            out.append("  Redis ").append(team.redis());
        }
        TeamView view = team.view();
        if (team.reachable()) {
            out.append("  ").append(view.boxes()).append(" box").append(view.boxes() == 1 ? "" : "es").append(" seen\n");
        } else {
            out.append("\n  unreachable: ").append(team.error()).append('\n');
            out.append(team.staleS() == null ? "  no team view yet\n"
                    : "  team view is stale: " + Durations.words(Duration.ofSeconds(team.staleS())) + " old\n");
        }
        if (view != null) {
            for (TeamView.Upstream u : view.upstreams()) {
                out.append("  ").append(u.sentence()).append('\n');
            }
        }
        if (!team.overrides().isEmpty()) {
            TextTable table = new TextTable("OVERRIDE", "TO", "BY", "FROM BOX", "LEFT", "HERE", "REASON");
            for (TeamReport.OverrideSeen o : team.overrides()) {
                String left = o.until() <= nowMs ? "ended" : Durations.words(Duration.ofMillis(o.until() - nowMs));
                table.row(o.session(), o.clear() ? "(cleared)" : o.target(), o.by(), o.box(), o.clear() ? "" : left,
                        o.here() + (o.why() == null ? "" : ": " + o.why()), o.reason() == null ? "" : o.reason());
            }
            out.append('\n').append(table.render());
        }
        if (!team.problems().isEmpty()) {
            out.append("\nTEAM WARNINGS\n");
            team.problems().forEach(p -> out.append("  ").append(p).append('\n'));
        }
        return out.toString();
    }

}
