package dev.detour.cli;

/** {@code detour status} for people: a sessions table and an upstreams table. */
public final class StatusText {
    private StatusText() {
    }

    public static String render(StatusReport report) {
        StringBuilder out = new StringBuilder("config  ").append(report.config()).append("\n\n");
        TextTable sessions = new TextTable("SESSION", "PORT", "FAMILY", "ROUTE", "FAILOVER");
        for (StatusReport.SessionStatus s : report.sessions()) {
            sessions.row(s.name(), s.port(), s.family(), String.join(" " + Glyphs.arrow() + " ", s.route()), s.failover());
        }
        out.append(report.sessions().isEmpty() ? "no sessions configured\n" : sessions.render()).append('\n');
        TextTable upstreams = new TextTable("UPSTREAM", "FAMILY", "BASE URL", "AUTH");
        for (StatusReport.UpstreamStatus u : report.upstreams()) {
            upstreams.row(u.name(), u.label(), u.baseUrl(), u.auth() + (Boolean.FALSE.equals(u.keySet()) ? " (not set)" : ""));
        }
        out.append(report.upstreams().isEmpty() ? "no upstreams configured\n" : upstreams.render());
        out.append(SupervisionText.render(report.bridges(), report.agents()));
        if (report.health() != null) {
            out.append(HealthText.render(report.health(), !Glyphs.arrow().equals("→")));
        }
        return out.toString();
    }
}
