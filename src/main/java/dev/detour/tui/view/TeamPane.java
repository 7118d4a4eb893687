package dev.detour.tui.view;

import dev.detour.team.Durations;
import dev.detour.team.TeamReport;
import dev.detour.team.TeamView;
import dev.detour.tui.model.Action;
import dev.detour.tui.model.Context;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.Layout;
import dev.detour.tui.model.Overlay;
import dev.detour.tui.model.Source;
import dev.detour.tui.model.Words;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The team pane (boxes seen, their sessions' state, the active overrides with who, from which box, why and until
 * when, and how old the team view is) and the picker's second step, "this box" or "the whole team". Pure.
 */
final class TeamPane {
    private TeamPane() {
    }

    static void draw(Canvas c, DashboardState s, Overlay.Team t, Layout layout) {
        TeamReport team = s.snapshot().team();
        List<List<Seg>> lines = lines(s, team);
        int rows = layout.bodyHeight() - 1;
        int top = Math.max(0, Math.min(t.top(), lines.size() - rows));
        List<Seg> extra = new ArrayList<>();
        if (team != null) {
            extra.add(Seg.of(" " + team.team() + ", box " + team.box(), Style.DIM));
        }
        List<Seg> right = new ArrayList<>(Render.freshness(s, Source.TEAM, "read"));
        if (lines.size() > rows) {
            right.add(Seg.of("  " + (top + 1) + "–" + Math.min(lines.size(), top + rows) + " of " + lines.size(), Style.DIM));
        }
        Render.titleLine(c, layout.bodyTop(), "Team", true, extra, right);
        for (int i = 0; i < rows && top + i < lines.size(); i++) {
            c.segs(1, layout.bodyTop() + 1 + i, lines.get(top + i), c.width - 2, null);
        }
    }

    /** Every line of the pane, top to bottom; the view scrolls over them. */
    static List<List<Seg>> lines(DashboardState s, TeamReport team) {
        List<List<Seg>> out = new ArrayList<>();
        if (team == null) {
            out.add(List.of(Seg.of(s.snapshot().config().team() == null ? "team mode is off: no [team] table"
                    : "reading the team…", Style.DIM)));
            return out;
        }
        long now = s.now().toEpochMilli();
        TeamView view = team.view();
        if (team.reachable()) {
            out.add(List.of(Seg.of("● ", Style.OK), Seg.of("Redis " + team.redis(), Style.NORMAL),
                    Seg.of(view == null ? "" : "   " + view.boxes() + (view.boxes() == 1 ? " box" : " boxes") + " seen", Style.BOLD)));
        } else {
            out.add(List.of(Seg.of("✖ ", Style.BAD), Seg.of("unreachable: " + team.error(), Style.WARN)));
            out.add(List.of(Seg.of(view == null ? "  no team view yet"
                    : "  team view is stale: " + age(view.at(), now) + " old (last read); the local view stays exact",
                    Style.WARN)));
        }
        out.add(List.of());
        out.add(List.of(Seg.of("Upstreams across the team", Style.COLUMN_HEADER)));
        if (view == null || view.upstreams().isEmpty()) {
            out.add(List.of(Seg.of("  no traffic or probe verdicts shared yet", Style.DIM)));
        } else {
            for (TeamView.Upstream u : view.upstreams()) {
                Style style = u.failure() != null || u.probes().containsKey("down") ? Style.WARN : Style.NORMAL;
                out.add(List.of(Seg.of("  " + u.sentence(), style)));
            }
        }
        out.add(List.of());
        out.add(List.of(Seg.of(Text.pad("BOX", 18) + Text.pad("SESSION", 14) + Text.pad("SERVING", 16)
                + Text.pad("OVERRIDE", 16) + "SEEN", Style.COLUMN_HEADER)));
        if (view == null || view.sessions().isEmpty()) {
            out.add(List.of(Seg.of("  no box has published yet", Style.DIM)));
        } else {
            for (TeamView.SessionSeen seen : view.sessions()) {
                boolean mine = seen.box().equals(team.box());
                out.add(List.of(Seg.of(Text.pad(seen.box() + (mine ? " *" : ""), 18), mine ? Style.BOLD : Style.NORMAL),
                        Seg.of(Text.pad(seen.session(), 14)),
                        Seg.of(Text.pad(seen.serving() == null ? "-" : seen.serving(), 16)),
                        Seg.of(Text.pad(seen.override() == null ? "-" : seen.override(), 16),
                                seen.override() == null ? Style.DIM : Style.ACCENT),
                        Seg.of(age(seen.at(), now) + " ago", Style.DIM)));
            }
        }
        out.add(List.of());
        out.add(List.of(Seg.of("Active overrides", Style.COLUMN_HEADER)));
        List<TeamReport.OverrideSeen> active = team.overrides().stream().filter(o -> !o.clear() && o.until() > now).toList();
        if (active.isEmpty()) {
            out.add(List.of(Seg.of("  none: every box is on its own routes", Style.DIM)));
        }
        for (TeamReport.OverrideSeen o : active) {
            out.add(List.of(Seg.of("  " + o.session() + " → " + o.target(), Style.BOLD),
                    Seg.of("  by " + o.by() + " from box " + o.box() + ", until "
                            + Instant.ofEpochMilli(o.until()).atZone(s.mode().zone()).toLocalTime().withNano(0)
                            + " (" + Durations.words(Duration.ofMillis(o.until() - now)) + " left)", Style.NORMAL)));
            out.add(List.of(Seg.of("    here: " + o.here() + (o.why() == null ? "" : ": " + o.why()), Style.DIM),
                    Seg.of(o.reason() == null ? "" : "   why: " + o.reason(), Style.NORMAL)));
        }
        if (!team.problems().isEmpty()) {
            out.add(List.of());
            out.add(List.of(Seg.of("Refused messages and warnings", Style.COLUMN_HEADER)));
            team.problems().forEach(p -> out.add(List.of(Seg.of("  " + p, Style.WARN))));
        }
        return out;
    }

    private static String age(long thenMs, long nowMs) {
        return Durations.words(Duration.ofMillis(Math.max(0, nowMs - thenMs)));
    }

    static void scope(Canvas c, DashboardState s, Overlay.Scope sc) {
        String team = s.snapshot().config().team() == null ? "" : s.snapshot().config().team().name();
        String[] choices = {"this box: write the route in your config",
                "the whole team " + team + ": an override on every box, for " + Durations.words(Durations.DEFAULT_OVERRIDE)};
        int w = Math.min(c.width - 4, Math.max(56, Text.width(choices[1]) + 8));
        int h = 6;
        int x = (c.width - w) / 2;
        int y = Math.max(1, (c.height - h) / 2);
        c.box(x, y, w, h, "Reroute " + Words.names(sc.sessions()) + " to " + sc.upstream() + " on", Style.DIM,
                Style.DIALOG_TITLE);
        for (int i = 0; i < 2; i++) {
            boolean selected = (i == 1) == sc.wholeTeam();
            if (selected) {
                c.fill(x + 1, y + 1 + i, w - 2, Style.CURSOR);
            }
            c.put(x + 2, y + 1 + i, (selected ? "› " : "  ") + choices[i], selected ? Style.CURSOR : Style.NORMAL, w - 4);
        }
        c.segs(x + 2, y + h - 2, Dialogs.keyHints(Context.SCOPE, s, Action.SWITCH_BUTTON, Action.CHOOSE, Action.BACK),
                w - 4, null);
    }
}
