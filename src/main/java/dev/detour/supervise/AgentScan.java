package dev.detour.supervise;

import java.util.List;

/** The agents of this user: those attached to a bridge, and agent-like processes that bypass detour. */
public record AgentScan(List<Agent> attached, List<Agent> bypassing) {
    public AgentScan {
        attached = List.copyOf(attached);
        bypassing = List.copyOf(bypassing);
    }

    public List<Agent> attachedTo(String session) {
        return attached.stream().filter(agent -> session.equals(agent.session())).toList();
    }
}
