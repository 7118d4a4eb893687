package dev.detour.cli;

import dev.detour.supervise.Agent;
import dev.detour.supervise.AgentScan;

import java.util.List;

/** The bridges and agents part of {@code detour status} for people. */
final class SupervisionText {
    private static final int COMMAND_WIDTH = 60;

    private SupervisionText() {
    }

    static String render(List<StatusReport.BridgeView> bridges, AgentScan agents) {
        StringBuilder out = new StringBuilder();
        if (!bridges.isEmpty()) {
            TextTable table = new TextTable("BRIDGE", "STATE", "PID", "UPTIME", "RESTARTS", "AGENTS");
            for (StatusReport.BridgeView bridge : bridges) {
                table.row(bridge.session(), bridge.status(), bridge.pid(),
                        bridge.uptimeS() == null ? "" : duration(bridge.uptimeS()), bridge.restarts(),
                        agents == null ? "" : agents.attachedTo(bridge.session()).size());
            }
            out.append('\n').append(table.render());
        }
        if (agents != null) {
            out.append('\n');
            if (agents.attached().isEmpty() && agents.bypassing().isEmpty()) {
                out.append("no agents found\n");
            } else {
                TextTable table = new TextTable("AGENT", "SESSION", "CLAUDE", "PANE", "CWD", "COMMAND");
                agents.attached().forEach(agent -> row(table, agent, agent.session()));
                agents.bypassing().forEach(agent -> row(table, agent, "bypassing detour"));
                out.append(table.render());
            }
        }
        return out.toString();
    }

    private static void row(TextTable table, Agent agent, String session) {
        String command = agent.command().length() > COMMAND_WIDTH
                ? agent.command().substring(0, COMMAND_WIDTH - 3) + "..." : agent.command();
        table.row(agent.pid(), session, agent.claude() == null ? "" : agent.claude().status(), agent.tmuxPane(),
                agent.cwd(), command);
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + (seconds % 60 > 0 ? seconds % 60 + "s" : "");
        }
        if (seconds < 86400) {
            return seconds / 3600 + "h" + (seconds % 3600 / 60 > 0 ? seconds % 3600 / 60 + "m" : "");
        }
        return seconds / 86400 + "d" + (seconds % 86400 / 3600 > 0 ? seconds % 86400 / 3600 + "h" : "");
    }
}
