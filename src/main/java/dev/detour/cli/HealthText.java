package dev.detour.cli;

import dev.detour.health.Advice;
import dev.detour.health.EdgeVerdict;
import dev.detour.health.HealthSnapshot;
import dev.detour.health.ProbeResult;
import dev.detour.health.UpstreamHealth;

import java.util.List;

/** The health part of {@code detour status} for people: one row per upstream, control hosts, then the advice. */
final class HealthText {
    private HealthText() {
    }

    /** @param ascii whether the output charset cannot show the state glyphs and arrows */
    static String render(HealthSnapshot health, boolean ascii) {
        if (health.upstreams().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n");
        TextTable table = new TextTable("HEALTH", "STATE", "LATENCY", "ERRORS", "REASON");
        for (UpstreamHealth u : health.upstreams()) {
            String glyph = ascii ? u.state().asciiGlyph() : u.state().glyph();
            table.row(u.name(), glyph + " " + u.state().word(), u.latencyMs() == null ? "" : u.latencyMs() + " ms",
                    u.errorPercent() == null ? "" : u.errorPercent() + "%", plain(u.reason(), ascii));
        }
        out.append(table.render());
        if (!health.controlHosts().isEmpty()) {
            out.append("control hosts: ").append(String.join("; ", health.controlHosts().stream()
                    .map(c -> c.name() + " " + control(c)).toList())).append('\n');
        }
        List<Advice> advice = health.advice();
        if (!advice.isEmpty()) {
            out.append("\nADVICE\n");
            for (Advice a : advice) {
                out.append(plain(a.text(), ascii)).append('\n');
                if (a.command() != null) {
                    out.append("  ").append(a.command()).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String control(ProbeResult c) {
        if (c.failureClass() == null) {
            return "unknown (" + c.reason() + ")";
        }
        return EdgeVerdict.reachable(c) ? "reachable" : "unreachable (" + c.reason() + ")";
    }

    private static String plain(String text, boolean ascii) {
        return ascii ? text.replace("→", "->").replace("—", "-").replace("…", "...") : text;
    }
}
