package dev.detour.tui.model;

import dev.detour.config.Config;
import dev.detour.config.Family;
import dev.detour.config.Session;
import dev.detour.config.Upstream;
import dev.detour.health.HealthState;
import dev.detour.route.RouteRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the main screen's keys do (and the details view's, for the actions it shares). */
final class MainKeys {
    private MainKeys() {
    }

    static Step action(DashboardState state, KeyBinding binding) {
        if (binding.mutates() && state.mode().readOnly()) {
            return Step.of(state.error("read-only: " + binding.label() + " (" + (binding.hint() == null ? binding.description()
                    : binding.hint()) + ") is disabled; start detour without --read-only to change things"));
        }
        return switch (binding.action()) {
            case UP -> Step.of(move(state, -1));
            case DOWN -> Step.of(move(state, 1));
            case PAGE_UP -> Step.of(move(state, -page(state)));
            case PAGE_DOWN -> Step.of(move(state, page(state)));
            case TOP -> Step.of(move(state, Integer.MIN_VALUE / 2));
            case BOTTOM -> Step.of(move(state, Integer.MAX_VALUE / 2));
            case SWITCH_TABLE -> Step.of(state.withFocus(state.focus() == Focus.SESSIONS ? Focus.UPSTREAMS : Focus.SESSIONS));
            case MARK -> Step.of(mark(state));
            case MARK_ALL -> {
                List<String> names = state.visibleSessions().stream().map(Session::name).toList();
                Set<String> marks = new LinkedHashSet<>(state.marks());
                marks.addAll(names);
                yield Step.of(state.withMarks(marks).info("marked " + Words.plural(names.size(), "session")));
            }
            case CLEAR_MARKS -> Step.of(state.withMarks(Set.of()).info("marks cleared"));
            case CLEAR -> Step.of(!state.filter().isEmpty() ? state.withFilter("").info("filter cleared")
                    : !state.marks().isEmpty() ? state.withMarks(Set.of()).info("marks cleared")
                    : state.info("nothing to clear: no filter, no marks; q quits"));
            case REROUTE -> reroute(state);
            case FLIP_FAMILY -> withTargets(state, targets -> RouteGuard.guarded(state, "Flip the model family", "Flip",
                    new RouteRequest.SetFamily(targets, null), null, null));
            case RESTART -> withTargets(state, targets -> Step.of(state.withOverlay(new Overlay.Confirm("Restart bridge",
                    "Restart bridge " + Words.names(targets) + " (" + agentsAttached(state, targets)
                            + ")? Requests in flight finish first; new ones wait for the new bridge.",
                    "Restart", new Effect.RestartBridges(targets), false))));
            case START_STOP -> startStop(state);
            case UNDO -> undo(state);
            case EDIT -> Step.of(state, new Effect.EditConfig());
            case FAULT -> {
                String upstream = state.selectedUpstream();
                yield upstream == null ? Step.of(state.error("no upstream selected"))
                        : Step.of(state, new Effect.ToggleFault(upstream));
            }
            case APPLY_ADVICE -> applyAdvice(state, state.advice().stream().filter(AdviceView::actionable).findFirst()
                    .orElse(null));
            case ADVICE -> state.advice().isEmpty() ? Step.of(state.info("no advice now: every upstream is judged well"))
                    : Step.of(state.withOverlay(new Overlay.AdviceList(firstActionable(state))));
            case EVENTS -> Step.of(state.withOverlay(new Overlay.Events(0, "", false)));
            case TEAM -> TeamKeys.open(state);
            case COPY_ENV -> copyEnv(state);
            case DETAILS -> details(state);
            case FILTER -> Step.of(state.withFocus(Focus.SESSIONS).withOverlay(new Overlay.Filtering(state.filter())));
            case PAUSE -> Step.of(state.paused()
                    ? state.withPaused(false).info("live updates resumed")
                    : state.withPaused(true).info("paused: the screen keeps this moment until you press p"));
            case REFRESH -> Step.of(state.info("refreshing"), new Effect.Refresh());
            case REDRAW -> Step.of(state, new Effect.Redraw());
            case HELP -> Step.of(state.withOverlay(new Overlay.Help(0)));
            case QUIT -> Step.of(state, new Effect.Quit());
            default -> Step.of(state.info(binding.label() + " does nothing here; ? lists the keys"));
        };
    }

    private static int firstActionable(DashboardState state) {
        List<AdviceView> advice = state.advice();
        for (int i = 0; i < advice.size(); i++) {
            if (advice.get(i).actionable()) {
                return i;
            }
        }
        return 0;
    }

    /** Asks before applying, naming the sessions, each target and its health, and the exact command. */
    static Step applyAdvice(DashboardState state, AdviceView advice) {
        if (advice == null || !advice.actionable()) {
            return Step.of(state.info(state.advice().isEmpty() ? "no advice to apply now"
                    : "the advice has no move to apply (A shows it whole)"));
        }
        List<String> parts = new ArrayList<>();
        advice.moves().forEach((target, sessions) -> {
            UpstreamView v = state.snapshot().upstream(target);
            parts.add(Words.names(sessions) + " to " + target + " (" + v.state().word()
                    + (v.latencyMs() == null ? "" : ", " + v.latencyMs() + " ms") + ")");
        });
        RouteRequest request = new RouteRequest.Moves(advice.bySession());
        List<String> concerns = RouteGuard.concerns(state.snapshot(), request);
        String question = "Move " + String.join("; ", parts) + "? "
                + (concerns.isEmpty() ? "" : "Careful: " + String.join("; ", concerns) + ". ")
                + "Same as: " + advice.command() + " (U undoes it)";
        return Step.of(state.withOverlay(new Overlay.Confirm("Apply the advice", question, "Apply",
                new Effect.ChangeRoutes(request, null), false)));
    }

    private static Step copyEnv(DashboardState state) {
        String session = state.targets().isEmpty() ? null : state.targets().get(0);
        Session s = session == null ? null : state.snapshot().config().session(session).orElse(null);
        if (s == null) {
            return Step.of(state.error("no session to copy the env line of"));
        }
        String line = "eval \"$(detour env " + s.name() + ")\"";
        return Step.of(state.info("copied to the clipboard (OSC 52): " + line), new Effect.Copy(line));
    }

    static Step withTargets(DashboardState state, java.util.function.Function<List<String>, Step> action) {
        List<String> targets = state.targets();
        if (targets.isEmpty()) {
            return Step.of(state.error("no session to act on"));
        }
        return action.apply(targets);
    }

    static DashboardState move(DashboardState state, int delta) {
        if (state.focus() == Focus.SESSIONS) {
            List<String> names = state.visibleSessions().stream().map(Session::name).toList();
            return names.isEmpty() ? state : state.withSessionCursor(names.get(clampIndex(names.indexOf(state.sessionCursor()), delta, names.size())));
        }
        List<String> names = List.copyOf(state.snapshot().config().upstreams().keySet());
        return names.isEmpty() ? state : state.withUpstreamCursor(names.get(clampIndex(names.indexOf(state.upstreamCursor()), delta, names.size())));
    }

    static int clampIndex(int from, int delta, int size) {
        long to = (long) Math.max(0, from) + delta;
        return (int) Math.max(0, Math.min(size - 1, to));
    }

    private static int page(DashboardState state) {
        Layout layout = state.layout();
        return Math.max(1, (state.focus() == Focus.SESSIONS ? layout.sessions() : layout.upstreams()).rows() - 1);
    }

    private static DashboardState mark(DashboardState state) {
        if (state.focus() != Focus.SESSIONS) {
            return state.error("marks apply to sessions: press tab to go to the sessions table");
        }
        String cursor = state.sessionCursor();
        if (cursor == null) {
            return state;
        }
        Set<String> marks = new LinkedHashSet<>(state.marks());
        if (!marks.remove(cursor)) {
            marks.add(cursor);
        }
        return move(state.withMarks(marks), 1);
    }

    private static Step reroute(DashboardState state) {
        return withTargets(state, targets -> {
            List<String> options = pickerOptions(state, targets);
            if (options.size() < 2 && state.snapshot().config().upstreams().size() < 2) {
                return Step.of(state.error("only one upstream in the config: add another to reroute to"));
            }
            return Step.of(state.withOverlay(new Overlay.Picker(targets, options, pickerCursor(state, targets, options))));
        });
    }

    /**
     * The first option that is not where the first session goes now: the options come same family first, healthiest
     * first ({@link #pickerOptions}). The upstreams table's row when it has the focus.
     */
    static int pickerCursor(DashboardState state, List<String> targets, List<String> options) {
        if (state.focus() == Focus.UPSTREAMS && options.contains(state.upstreamCursor())) {
            return options.indexOf(state.upstreamCursor());
        }
        String current = state.snapshot().config().session(targets.get(0))
                .filter(s -> !s.route().isEmpty()).map(s -> s.route().get(0)).orElse(null);
        for (int i = 0; i < options.size(); i++) {
            if (!options.get(i).equals(current)) {
                return i;
            }
        }
        return 0;
    }

    /** Every upstream, same family as the first target first, then healthiest, then fastest, then config order. */
    public static List<String> pickerOptions(DashboardState state, List<String> targets) {
        Config config = state.snapshot().config();
        Family family = config.session(targets.get(0)).filter(s -> !s.route().isEmpty()).map(config::familyOf).orElse(null);
        List<String> order = List.copyOf(config.upstreams().keySet());
        List<Upstream> upstreams = new ArrayList<>(config.upstreams().values());
        upstreams.sort(Comparator
                .comparing((Upstream u) -> family != null && u.family() != family)
                .thenComparing(u -> rank(state.snapshot().upstream(u.name()).state()))
                .thenComparing(u -> {
                    Long latency = state.snapshot().upstream(u.name()).latencyMs();
                    return latency == null ? Long.MAX_VALUE : latency;
                })
                .thenComparing(u -> order.indexOf(u.name())));
        return upstreams.stream().map(Upstream::name).toList();
    }

    /** Healthiest first; an upstream nobody has judged yet ranks above one known to be down. */
    static int rank(HealthState state) {
        return switch (state) {
            case HEALTHY -> 0;
            case DEGRADED -> 1;
            case UNKNOWN -> 2;
            case DOWN -> 3;
        };
    }

    private static Step startStop(DashboardState state) {
        return withTargets(state, targets -> {
            List<String> stopped = targets.stream()
                    .filter(s -> {
                        BridgeState b = state.snapshot().bridge(s).state();
                        return b == BridgeState.STOPPED || b == BridgeState.CRASHED;
                    }).toList();
            if (!stopped.isEmpty()) {
                return Step.of(Update.acted(state).info("starting " + Words.names(stopped)), new Effect.StartBridges(stopped));
            }
            return Step.of(state.withOverlay(new Overlay.Confirm("Stop bridge",
                    "Stop bridge " + Words.names(targets) + " (" + agentsAttached(state, targets)
                            + ")? Their agents cannot reach any upstream until it starts again.",
                    "Stop", new Effect.StopBridges(targets), false)));
        });
    }

    private static Step undo(DashboardState state) {
        if (state.undo().isEmpty()) {
            return Step.of(state.error("nothing to undo"));
        }
        UndoEntry last = state.undo().get(state.undo().size() - 1);
        if (last.teamBefore() != null) {
            return TeamKeys.undo(state, last);
        }
        return RouteGuard.guarded(state, "Undo the route change", "Undo", new RouteRequest.Restore(last.routesBefore()),
                last.description(), "Undo \"" + last.description() + "\"?");
    }

    private static Step details(DashboardState state) {
        String name = state.focus() == Focus.SESSIONS ? state.sessionCursor() : state.upstreamCursor();
        if (name == null) {
            return Step.of(state);
        }
        return Step.of(state.withOverlay(new Overlay.Details(state.focus(), name, 0)));
    }

    static String agentsAttached(DashboardState state, List<String> sessions) {
        int count = sessions.stream().mapToInt(s -> state.snapshot().agentsOf(s).size()).sum();
        return Words.plural(count, "agent") + " attached";
    }
}
