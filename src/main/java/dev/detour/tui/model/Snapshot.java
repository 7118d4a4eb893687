package dev.detour.tui.model;

import dev.detour.config.Config;
import dev.detour.config.Session;
import dev.detour.journal.Event;
import dev.detour.team.TeamReport;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the pollers know at one moment; immutable, replaced as a whole.
 *
 * @param configError why the config on disk cannot be used right now (the last good one is shown), or null
 * @param advice      diagnosis lines, most important first
 * @param events      the newest events of {@code events.jsonl}, oldest first
 * @param updated     when each source last delivered, and how often it should
 * @param history     the last 15 minutes per upstream ({@code u:NAME}) and per session ({@code s:NAME})
 * @param team        the team as this box last read it (null: team mode off or not read yet)
 */
public record Snapshot(Path configFile, Config config, String configError, Map<String, BridgeView> bridges,
                       Map<String, UpstreamView> upstreams, List<AgentView> agents, List<Event> events,
                       List<AdviceView> advice, Map<Source, Freshness> updated, Map<String, Series> history,
                       TeamReport team) {

    /** When a source last delivered and its interval; data older than three intervals is stale. */
    public record Freshness(Instant at, Duration interval) {
        public boolean staleAt(Instant now) {
            return at == null || Duration.between(at, now).compareTo(interval.multipliedBy(3)) > 0;
        }
    }

    public Snapshot {
        bridges = Collections.unmodifiableMap(new LinkedHashMap<>(bridges));
        upstreams = Collections.unmodifiableMap(new LinkedHashMap<>(upstreams));
        agents = List.copyOf(agents);
        events = List.copyOf(events);
        advice = List.copyOf(advice);
        updated = Collections.unmodifiableMap(updated.isEmpty() ? new EnumMap<>(Source.class) : new EnumMap<>(updated));
        history = Map.copyOf(history);
    }

    public Snapshot(Path configFile, Config config, String configError, Map<String, BridgeView> bridges,
                    Map<String, UpstreamView> upstreams, List<AgentView> agents, List<Event> events,
                    List<AdviceView> advice, Map<Source, Freshness> updated) {
        this(configFile, config, configError, bridges, upstreams, agents, events, advice, updated, Map.of(), null);
    }

    public Snapshot(Path configFile, Config config, String configError, Map<String, BridgeView> bridges,
                    Map<String, UpstreamView> upstreams, List<AgentView> agents, List<Event> events,
                    List<AdviceView> advice, Map<Source, Freshness> updated, Map<String, Series> history) {
        this(configFile, config, configError, bridges, upstreams, agents, events, advice, updated, history, null);
    }

    public Snapshot withTeam(TeamReport newTeam, Freshness freshness) {
        return new Snapshot(configFile, config, configError, bridges, upstreams, agents, events, advice,
                with(Source.TEAM, freshness), history, newTeam);
    }

    public Series upstreamHistory(String name) {
        return history.get("u:" + name);
    }

    public Series sessionHistory(String name) {
        return history.get("s:" + name);
    }

    public Snapshot withHistory(Map<String, Series> newHistory) {
        return new Snapshot(configFile, config, configError, bridges, upstreams, agents, events, advice, updated, newHistory, team);
    }

    public static Snapshot of(Path configFile, Config config) {
        return new Snapshot(configFile, config, null, Map.of(), Map.of(), List.of(), List.of(), List.of(), Map.of());
    }

    public BridgeView bridge(String session) {
        BridgeView view = bridges.get(session);
        return view != null ? view : BridgeView.stopped(session, null);
    }

    public UpstreamView upstream(String name) {
        UpstreamView view = upstreams.get(name);
        return view != null ? view : UpstreamView.unknown(name);
    }

    public List<AgentView> agentsOf(String session) {
        return agents.stream().filter(a -> session.equals(a.session())).toList();
    }

    public List<AgentView> bypassing() {
        return agents.stream().filter(AgentView::bypassing).toList();
    }

    public List<Session> sessions() {
        return List.copyOf(config.sessions().values());
    }

    public Snapshot withConfig(Config newConfig, String error) {
        return new Snapshot(configFile, newConfig, error, bridges, upstreams, agents, events, advice, updated, history, team);
    }

    public Snapshot withBridges(Map<String, BridgeView> newBridges, Freshness freshness) {
        return new Snapshot(configFile, config, configError, newBridges, upstreams, agents, events, advice,
                with(Source.BRIDGES, freshness), history, team);
    }

    public Snapshot withHealth(Map<String, UpstreamView> newUpstreams, List<AdviceView> newAdvice, Freshness freshness) {
        return new Snapshot(configFile, config, configError, bridges, newUpstreams, agents, events, newAdvice,
                with(Source.HEALTH, freshness), history, team);
    }

    public Snapshot withAgents(List<AgentView> newAgents, Freshness freshness) {
        return new Snapshot(configFile, config, configError, bridges, upstreams, newAgents, events, advice,
                with(Source.AGENTS, freshness), history, team);
    }

    public Snapshot withEvents(List<Event> newEvents, Freshness freshness) {
        return new Snapshot(configFile, config, configError, bridges, upstreams, agents, newEvents, advice,
                with(Source.EVENTS, freshness), history, team);
    }

    private Map<Source, Freshness> with(Source source, Freshness freshness) {
        Map<Source, Freshness> map = new EnumMap<>(Source.class);
        map.putAll(updated);
        map.put(source, freshness);
        return map;
    }
}
