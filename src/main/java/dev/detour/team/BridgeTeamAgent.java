package dev.detour.team;

import dev.detour.wire.BridgeStats;
import dev.detour.config.Config;
import dev.detour.config.Upstream;
import dev.detour.journal.Event;
import dev.detour.journal.EventJournal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A bridge's link to its team, on its own thread and never on the request path: twice a second it reads this
 * session's override and applies it to the bridge's live route; every few seconds it publishes the bridge's
 * summary. When Redis is unreachable the bridge keeps the route it has (an override still ends at its expiry).
 */
public final class BridgeTeamAgent implements AutoCloseable {
    static final Duration TICK = Duration.ofMillis(500);
    static final Duration PUBLISH_EVERY = Duration.ofSeconds(5);
    /** An unchanged summary is signed anew this often (its time tells readers the box is alive); in between its TTL is extended. */
    static final Duration RESEAL_EVERY = Duration.ofSeconds(20);
    /** An override message older than the longest override cannot be in force. */
    static final Duration OVERRIDE_MAX_AGE = Durations.MAX_OVERRIDE.plus(Gate.SKEW);
    private static final int KEPT_PROBLEMS = 10;

    private final Team team;
    private final String session;
    private final ServedSession served;
    private final EventJournal journal;
    private final Path stateFile;
    private final Consumer<String> log;
    private final Inbox inbox;
    private final ScheduledExecutorService thread;
    private final Deque<String> problems = new ArrayDeque<>();
    private final Set<String> reported = new LinkedHashSet<>();
    private TeamOverride current;
    private String currentFrom;
    private Decision decision = Decision.NONE;
    private String error;
    private boolean wasDown;
    private long lastPublishMs;
    private TeamState written;
    private Summary published;
    private long sealedMs;

    public BridgeTeamAgent(Team team, String session, ServedSession served, EventJournal journal, Path stateDir,
                           Consumer<String> log) {
        this.team = team;
        this.session = session;
        this.served = served;
        this.journal = journal;
        this.stateFile = TeamStateFile.of(stateDir, session);
        this.log = log;
        this.inbox = new Inbox(team.newGate());
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "team-agent");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        thread.scheduleWithFixedDelay(() -> {
            try {
                tick(System.currentTimeMillis());
            } catch (RuntimeException e) {
                log.accept("team: " + e);
            }
        }, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: read the override, apply what it decides, publish when due, write the state file. */
    void tick(long now) {
        boolean ok = readOverride(now);
        for (Inbox.Problem p : inbox.drainProblems()) {
            String key = p.outcome() + " " + p.nonce();
            if (reported.add(key)) {
                remember(p.text());
                log.accept("team: " + p.text());
                journal(Event.now("team_message_ignored", session, p.box(), null, p.text()));
                if (reported.size() > 1000) {
                    reported.remove(reported.iterator().next());
                }
            }
        }
        Config config = served.config();
        Decision next = OverrideRules.decide(current, config, session, now);
        if (!next.equals(decision)) {
            apply(next);
        }
        if (ok && now - lastPublishMs >= PUBLISH_EVERY.toMillis()) {
            publish(config, now);
        }
        writeState(ok, now);
    }

    private boolean readOverride(long now) {
        try {
            String stored = team.store().override(session);
            if (wasDown) {
                log.accept("team: Redis at " + team.store().link().where() + " is back");
                journal(Event.now("team_redis", session, null, "connected", "Redis reachable again"));
                wasDown = false;
                lastPublishMs = 0;
                published = null;
            }
            error = null;
            if (stored != null) {
                inbox.read(stored, "override", session, TeamOverride.class, now, OVERRIDE_MAX_AGE)
                        .filter(Inbox.Letter::isNew)
                        .ifPresent(letter -> {
                            current = letter.body();
                            currentFrom = letter.envelope().box();
                        });
            }
            return true;
        } catch (TeamUnavailable e) {
            if (!wasDown) {
                log.accept("team: " + e.getMessage() + "; keeping the current route");
                journal(Event.now("team_redis", session, null, "unreachable", e.getMessage()));
                wasDown = true;
            }
            error = e.getMessage();
            return false;
        }
    }

    private void apply(Decision next) {
        Decision was = decision;
        decision = next;
        served.front(next.applied() ? next.upstream() : null);
        TeamOverride o = current;
        String who = o == null ? "" : (o.by() == null ? "someone" : o.by()) + " from box " + currentFrom;
        switch (next.state()) {
            case "applied" -> {
                String line = "team override: " + session + " to " + next.upstream() + " by " + who + " until "
                        + Instant.ofEpochMilli(o.until()) + (o.reason() == null ? "" : ": " + o.reason());
                log.accept(line);
                journal(Event.now("team_override", session, was.upstream(), next.upstream(), line));
            }
            case "ignored" -> {
                String line = "team override to " + o.target() + " by " + who + " ignored: " + next.why();
                log.accept(line);
                remember(line);
                journal(Event.now("team_override_ignored", session, null, o.target(), line));
            }
            case "cleared", "expired" -> {
                if (was.applied()) {
                    String line = "team override " + next.state() + (next.state().equals("cleared") ? " by " + who : "")
                            + ": " + session + " back on its own route";
                    log.accept(line);
                    journal(Event.now("team_override_end", session, was.upstream(), null, line));
                }
            }
            default -> {
            }
        }
    }

    private void publish(Config config, long now) {
        BridgeStats stats = served.stats();
        Map<String, ProbeVerdicts.Verdict> verdicts = verdicts();
        List<Summary.Line> lines = new ArrayList<>();
        for (Map.Entry<String, BridgeStats.UpstreamStats> e : stats.upstreams().entrySet()) {
            BridgeStats.UpstreamStats u = e.getValue();
            ProbeVerdicts.Verdict v = verdicts.remove(e.getKey());
            lines.add(new Summary.Line(e.getKey(), urlOf(config, e.getKey()), u.requests(), u.failures(), u.classes(),
                    u.breaker(), u.lastStatus(), u.lastAt() == null ? 0 : u.lastAt().toEpochMilli(),
                    v == null ? null : v.state(), v == null ? 0 : v.atMs()));
        }
        verdicts.forEach((name, v) -> {
            if (config.upstreams().containsKey(name)) {
                lines.add(new Summary.Line(name, urlOf(config, name), 0, 0, Map.of(), null, null, 0, v.state(), v.atMs()));
            }
        });
        String override = decision.applied() ? current.target() : null;
        Summary summary = new Summary(team.settings().box(), session, 0, stats.route(), override, lines);
        String slot = team.settings().box() + "/" + session;
        String box = team.settings().box();
        long ttl = Team.SUMMARY_TTL.toMillis();
        try {
            boolean unchanged = summary.equals(published) && now - sealedMs < RESEAL_EVERY.toMillis();
            if (!unchanged || !team.store().touchSummary(box, session, ttl)) {
                team.store().putSummary(team.seal("summary", slot, summary, now), box, session, ttl);
                published = summary;
                sealedMs = now;
            }
            lastPublishMs = now;
        } catch (TeamUnavailable e) {
            error = e.getMessage();
        }
    }

    private static String urlOf(Config config, String upstream) {
        return Optional.ofNullable(config.upstreams().get(upstream)).map(Upstream::baseUrl).orElse(null);
    }

    /** The box's latest probe verdicts from its journal; none when the journal cannot be read. */
    private Map<String, ProbeVerdicts.Verdict> verdicts() {
        try {
            return ProbeVerdicts.latest(journal.newest(ProbeVerdicts.LOOK_BACK));
        } catch (IOException e) {
            return new java.util.HashMap<>();
        }
    }

    /** Writes the state file when what it says changed, and every few seconds so that readers can tell its age. */
    private void writeState(boolean ok, long now) {
        TeamState state = new TeamState(session, team.settings().box(), team.settings().name(), ok,
                team.store().link().lastOkMs(), error, decision, current, currentFrom, List.copyOf(problems), now);
        if (written != null && now - written.updatedMs() < PUBLISH_EVERY.toMillis() && written.redisOk() == ok
                && Objects.equals(written.error(), error) && written.decision().equals(decision)
                && Objects.equals(written.override(), current) && written.problems().equals(state.problems())) {
            return;
        }
        written = state;
        try {
            TeamStateFile.write(stateFile, state);
        } catch (IOException e) {
            log.accept("team: cannot write " + stateFile + ": " + e.getMessage());
        }
    }

    private void remember(String problem) {
        if (Objects.equals(problems.peekLast(), problem)) {
            return;
        }
        problems.addLast(problem);
        while (problems.size() > KEPT_PROBLEMS) {
            problems.removeFirst();
        }
    }

    private void journal(Event event) {
        try {
            journal.append(event);
        } catch (IOException e) {
            log.accept("team: cannot write " + journal.file() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        team.close();
    }
}
