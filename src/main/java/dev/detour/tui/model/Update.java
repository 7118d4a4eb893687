package dev.detour.tui.model;

import dev.detour.health.HealthState;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.detour.config.Config;
import dev.detour.config.Family;
import dev.detour.config.Session;
import dev.detour.config.Upstream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The dashboard's behaviour: one key and the current state in, the next state and its effects out. No I/O. */
public final class Update {
    private Update() {
    }

    public static Step apply(DashboardState state, KeyStroke key) {
        if (key.getKeyType() == KeyType.EOF || isCtrl(key, 'c')) {
            return Step.of(state, new Effect.Quit());
        }
        Overlay overlay = state.overlay();
        if (overlay instanceof Overlay.Filtering f) {
            return filtering(state, f, key);
        }
        if (overlay instanceof Overlay.Confirm c) {
            return confirm(state, c, key);
        }
        if (overlay instanceof Overlay.Picker p) {
            return picker(state, p, key);
        }
        if (overlay instanceof Overlay.Help h) {
            return help(state, h, key);
        }
        if (overlay instanceof Overlay.Details d) {
            return details(state, d, key);
        }
        return main(state, key);
    }

    private static Step main(DashboardState state, KeyStroke key) {
        if (isBack(key) && !isChar(key, 'q')) {
            if (!state.filter().isEmpty()) {
                return Step.of(state.withFilter("").info("filter cleared"));
            }
            if (!state.marks().isEmpty()) {
                return Step.of(state.withMarks(Set.of()).info("marks cleared"));
            }
            return Step.of(state);
        }
        Optional<KeyBinding> binding = Keymap.lookup(key, state.mode().demo());
        if (binding.isEmpty()) {
            return Step.of(state);
        }
        return action(state, binding.get());
    }

    private static Step action(DashboardState state, KeyBinding binding) {
        if (binding.mutates() && state.mode().readOnly()) {
            return Step.of(state.error("read-only: " + binding.label() + " (" + binding.hint()
                    + ") is disabled; start detour without --read-only to change things"));
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
                yield Step.of(state.withMarks(marks).info("marked " + plural(names.size(), "session")));
            }
            case CLEAR_MARKS -> Step.of(state.withMarks(Set.of()).info("marks cleared"));
            case REROUTE -> reroute(state);
            case FLIP_FAMILY -> withTargets(state, targets -> Step.of(state, new Effect.FlipFamily(targets)));
            case RESTART -> withTargets(state, targets -> Step.of(state.withOverlay(new Overlay.Confirm(
                    "Restart bridge",
                    "Restart bridge " + names(targets) + " (" + agentsAttached(state, targets)
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
            case DETAILS -> details(state);
            case FILTER -> Step.of(state.withFocus(Focus.SESSIONS).withOverlay(new Overlay.Filtering(state.filter())));
            case PAUSE -> Step.of(state.paused()
                    ? state.withPaused(false).info("live updates resumed")
                    : state.withPaused(true).info("paused: the screen keeps this moment until you press p"));
            case REFRESH -> Step.of(state.info("refreshing"), new Effect.Refresh());
            case REDRAW -> Step.of(state, new Effect.Redraw());
            case HELP -> Step.of(state.withOverlay(new Overlay.Help(0)));
            case QUIT -> Step.of(state, new Effect.Quit());
        };
    }

    private static Step withTargets(DashboardState state, java.util.function.Function<List<String>, Step> action) {
        List<String> targets = state.targets();
        if (targets.isEmpty()) {
            return Step.of(state.error("no session to act on"));
        }
        return action.apply(targets);
    }

    private static DashboardState move(DashboardState state, int delta) {
        if (state.focus() == Focus.SESSIONS) {
            List<String> names = state.visibleSessions().stream().map(Session::name).toList();
            return names.isEmpty() ? state : state.withSessionCursor(names.get(clampIndex(names.indexOf(state.sessionCursor()), delta, names.size())));
        }
        List<String> names = List.copyOf(state.snapshot().config().upstreams().keySet());
        return names.isEmpty() ? state : state.withUpstreamCursor(names.get(clampIndex(names.indexOf(state.upstreamCursor()), delta, names.size())));
    }

    private static int clampIndex(int from, int delta, int size) {
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
            Config config = state.snapshot().config();
            String current = config.session(targets.get(0)).filter(s -> !s.route().isEmpty())
                    .map(s -> s.route().get(0)).orElse(null);
            int cursor = 0;
            while (cursor < options.size() - 1 && options.get(cursor).equals(current)) {
                cursor++;
            }
            if (state.focus() == Focus.UPSTREAMS && options.contains(state.upstreamCursor())) {
                cursor = options.indexOf(state.upstreamCursor());
            }
            return Step.of(state.withOverlay(new Overlay.Picker(targets, options, cursor)));
        });
    }

    /** Every upstream, same family as the first target first, then healthiest, then fastest, then config order. */
    public static List<String> pickerOptions(DashboardState state, List<String> targets) {
        Config config = state.snapshot().config();
        Family family = config.session(targets.get(0)).map(config::familyOf).orElse(null);
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

    private static Step picker(DashboardState state, Overlay.Picker p, KeyStroke key) {
        if (isBack(key)) {
            return Step.of(state.withOverlay(null).info("reroute cancelled"));
        }
        if (isChar(key, 'k') || key.getKeyType() == KeyType.ArrowUp) {
            return Step.of(state.withOverlay(new Overlay.Picker(p.sessions(), p.options(), Math.max(0, p.cursor() - 1))));
        }
        if (isChar(key, 'j') || key.getKeyType() == KeyType.ArrowDown) {
            return Step.of(state.withOverlay(new Overlay.Picker(p.sessions(), p.options(),
                    Math.min(p.options().size() - 1, p.cursor() + 1))));
        }
        if (isChar(key, 'g') || key.getKeyType() == KeyType.Home) {
            return Step.of(state.withOverlay(new Overlay.Picker(p.sessions(), p.options(), 0)));
        }
        if (isChar(key, 'G') || key.getKeyType() == KeyType.End) {
            return Step.of(state.withOverlay(new Overlay.Picker(p.sessions(), p.options(), p.options().size() - 1)));
        }
        if (key.getKeyType() != KeyType.Enter) {
            return Step.of(state);
        }
        String chosen = p.options().get(p.cursor());
        Config config = state.snapshot().config();
        List<String> moving = p.sessions().stream()
                .filter(s -> config.session(s).map(x -> x.route().isEmpty() || !x.route().get(0).equals(chosen)).orElse(false))
                .toList();
        DashboardState closed = state.withOverlay(null);
        if (moving.isEmpty()) {
            return Step.of(closed.info(names(p.sessions()) + " already " + (p.sessions().size() == 1 ? "routes" : "route")
                    + " to " + chosen));
        }
        Effect reroute = new Effect.Reroute(moving, chosen);
        UpstreamView health = state.snapshot().upstream(chosen);
        if (health.state() == HealthState.DOWN) {
            return Step.of(state.withOverlay(new Overlay.Confirm("Reroute to a down upstream",
                    "Reroute " + names(moving) + " to " + chosen + "? It is down"
                            + (health.diagnosis() != null ? ": " + health.diagnosis() : "") + ".",
                    "Reroute", reroute, false)));
        }
        return Step.of(closed, reroute);
    }

    private static Step confirm(DashboardState state, Overlay.Confirm c, KeyStroke key) {
        if (isChar(key, 'y') || isChar(key, 'Y') || (key.getKeyType() == KeyType.Enter && c.yesFocused())) {
            return Step.of(state.withOverlay(null), c.onYes());
        }
        if (isBack(key) || isChar(key, 'n') || isChar(key, 'N') || key.getKeyType() == KeyType.Enter) {
            return Step.of(state.withOverlay(null).info(c.title().toLowerCase(java.util.Locale.ROOT) + ": cancelled"));
        }
        KeyType t = key.getKeyType();
        if (t == KeyType.Tab || t == KeyType.ReverseTab || t == KeyType.ArrowLeft || t == KeyType.ArrowRight
                || isChar(key, 'h') || isChar(key, 'l')) {
            return Step.of(state.withOverlay(new Overlay.Confirm(c.title(), c.question(), c.yesLabel(), c.onYes(), !c.yesFocused())));
        }
        return Step.of(state);
    }

    private static Step startStop(DashboardState state) {
        return withTargets(state, targets -> {
            List<String> stopped = targets.stream()
                    .filter(s -> {
                        BridgeState b = state.snapshot().bridge(s).state();
                        return b == BridgeState.STOPPED || b == BridgeState.CRASHED;
                    }).toList();
            if (!stopped.isEmpty()) {
                return Step.of(state.info("starting " + names(stopped)), new Effect.StartBridges(stopped));
            }
            return Step.of(state.withOverlay(new Overlay.Confirm("Stop bridge",
                    "Stop bridge " + names(targets) + " (" + agentsAttached(state, targets)
                            + ")? Their agents cannot reach any upstream until it starts again.",
                    "Stop", new Effect.StopBridges(targets), false)));
        });
    }

    private static Step undo(DashboardState state) {
        if (state.undo().isEmpty()) {
            return Step.of(state.error("nothing to undo"));
        }
        UndoEntry last = state.undo().get(state.undo().size() - 1);
        DashboardState popped = state.withUndo(state.undo().subList(0, state.undo().size() - 1));
        return Step.of(popped, new Effect.RestoreRoutes(last.routesBefore(), "undo " + last.description()));
    }

    private static Step details(DashboardState state) {
        String name = state.focus() == Focus.SESSIONS ? state.sessionCursor() : state.upstreamCursor();
        if (name == null) {
            return Step.of(state);
        }
        return Step.of(state.withOverlay(new Overlay.Details(state.focus(), name, 0)));
    }

    private static Step details(DashboardState state, Overlay.Details d, KeyStroke key) {
        if (isBack(key)) {
            return Step.of(state.withOverlay(null));
        }
        int scroll = scrollDelta(key, state.layout().bodyHeight());
        if (scroll != 0) {
            return Step.of(state.withOverlay(new Overlay.Details(d.kind(), d.name(), Math.max(0, d.top() + scroll))));
        }
        Optional<KeyBinding> binding = Keymap.lookup(key, state.mode().demo());
        if (binding.isEmpty()) {
            return Step.of(state);
        }
        Action a = binding.get().action();
        boolean allowed = switch (a) {
            case REROUTE, FLIP_FAMILY, RESTART, START_STOP -> d.kind() == Focus.SESSIONS;
            case FAULT, UNDO, REFRESH, REDRAW, PAUSE, HELP, EDIT -> true;
            default -> false;
        };
        return allowed ? action(state, binding.get()) : Step.of(state);
    }

    private static Step help(DashboardState state, Overlay.Help h, KeyStroke key) {
        if (isBack(key) || isChar(key, '?')) {
            return Step.of(state.withOverlay(null));
        }
        int scroll = scrollDelta(key, state.size().getRows() - 6);
        if (scroll != 0) {
            return Step.of(state.withOverlay(new Overlay.Help(Math.max(0, h.top() + scroll))));
        }
        return Step.of(state);
    }

    private static Step filtering(DashboardState state, Overlay.Filtering f, KeyStroke key) {
        switch (key.getKeyType()) {
            case Escape:
                return Step.of(state.withFilter(f.before()).withOverlay(null));
            case Enter:
                return Step.of(state.withOverlay(null));
            case Backspace:
                if (state.filter().isEmpty()) {
                    return Step.of(state.withOverlay(null));
                }
                return Step.of(state.withFilter(state.filter().substring(0, state.filter().length() - 1)));
            case ArrowUp:
            case ArrowDown:
                return Step.of(move(state, key.getKeyType() == KeyType.ArrowUp ? -1 : 1));
            case Character:
                if (key.isCtrlDown() || key.isAltDown() || Character.isISOControl(key.getCharacter())) {
                    return Step.of(state);
                }
                return Step.of(state.withFilter(state.filter() + key.getCharacter()));
            default:
                return Step.of(state);
        }
    }

    private static int scrollDelta(KeyStroke key, int pageRows) {
        int page = Math.max(1, pageRows - 1);
        if (isChar(key, 'j') || key.getKeyType() == KeyType.ArrowDown) {
            return 1;
        }
        if (isChar(key, 'k') || key.getKeyType() == KeyType.ArrowUp) {
            return -1;
        }
        if (key.getKeyType() == KeyType.PageDown || isChar(key, ' ')) {
            return page;
        }
        if (key.getKeyType() == KeyType.PageUp) {
            return -page;
        }
        if (isChar(key, 'g') || key.getKeyType() == KeyType.Home) {
            return -100_000;
        }
        return 0;
    }

    /** Esc, Backspace and {@code q} all mean "back" (tmux delays Esc). */
    static boolean isBack(KeyStroke key) {
        return key.getKeyType() == KeyType.Escape || key.getKeyType() == KeyType.Backspace || isChar(key, 'q');
    }

    static boolean isChar(KeyStroke key, char c) {
        return key.getKeyType() == KeyType.Character && key.getCharacter() == c && !key.isCtrlDown() && !key.isAltDown();
    }

    static boolean isCtrl(KeyStroke key, char c) {
        return key.getKeyType() == KeyType.Character && key.isCtrlDown() && Character.toLowerCase(key.getCharacter()) == c;
    }

    /** "main", "main and api", "main, api and docs", "main, api, docs and 4 more". */
    public static String names(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        if (names.size() <= 3) {
            return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        }
        return String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
    }

    private static String agentsAttached(DashboardState state, List<String> sessions) {
        int count = sessions.stream().mapToInt(s -> state.snapshot().agentsOf(s).size()).sum();
        return plural(count, "agent") + " attached";
    }

    public static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
