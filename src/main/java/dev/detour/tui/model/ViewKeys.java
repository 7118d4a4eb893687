package dev.detour.tui.model;

import com.googlecode.lanterna.input.KeyStroke;

import java.util.List;
import java.util.Optional;

/** What the keys do in the full-screen views: details, events, advice. */
final class ViewKeys {
    private ViewKeys() {
    }

    /** Lines a scrolling action moves by, for a view {@code pageRows} high. */
    static int scroll(Action action, int pageRows) {
        int page = Math.max(1, pageRows - 1);
        return switch (action) {
            case UP -> -1;
            case DOWN -> 1;
            case PAGE_UP -> -page;
            case PAGE_DOWN -> page;
            case TOP -> -1_000_000;
            case BOTTOM -> 1_000_000;
            default -> 0;
        };
    }

    static Step details(DashboardState state, Overlay.Details d, KeyStroke key) {
        Optional<KeyBinding> binding = Keymap.lookup(Context.DETAILS, key, state.mode().demo());
        if (binding.isEmpty()) {
            return Update.unbound(state, key, "in the details view");
        }
        KeyBinding b = binding.get();
        if (b.context() == Context.MAIN) {
            boolean sessionOnly = switch (b.action()) {
                case REROUTE, FLIP_FAMILY, RESTART, START_STOP, COPY_ENV -> true;
                default -> false;
            };
            if (sessionOnly && d.kind() != Focus.SESSIONS) {
                return Step.of(state.info(b.label() + " acts on a session: open a session's details to use it here"));
            }
            return MainKeys.action(state, b);
        }
        return switch (b.action()) {
            case BACK -> Step.of(state.withOverlay(null));
            case LOG -> d.kind() == Focus.SESSIONS ? Step.of(state.info("reading the log of bridge " + d.name()),
                    new Effect.ReadLog(d.name())) : Step.of(state.info("l shows a session's bridge log: this is an upstream"));
            default -> {
                int scroll = scroll(b.action(), state.layout().bodyHeight());
                yield Step.of(state.withOverlay(new Overlay.Details(d.kind(), d.name(), Math.max(0, d.top() + scroll), d.log())));
            }
        };
    }

    static Step events(DashboardState state, Overlay.Events e, KeyStroke key) {
        if (e.typing()) {
            Optional<KeyBinding> binding = Keymap.lookup(Context.EVENTS_FILTER, key, state.mode().demo());
            if (binding.isPresent()) {
                return switch (binding.get().action()) {
                    case KEEP -> Step.of(state.withOverlay(new Overlay.Events(0, e.filter(), false)));
                    case BACK -> Step.of(state.withOverlay(new Overlay.Events(0, "", false)));
                    case ERASE -> Step.of(state.withOverlay(new Overlay.Events(0,
                            e.filter().isEmpty() ? "" : e.filter().substring(0, e.filter().length() - 1), !e.filter().isEmpty())));
                    default -> Step.of(state);
                };
            }
            String typed = DialogKeys.typed(key);
            return typed == null ? Step.of(state) : Step.of(state.withOverlay(new Overlay.Events(0, e.filter() + typed, true)));
        }
        Optional<KeyBinding> binding = Keymap.lookup(Context.EVENTS, key, state.mode().demo());
        if (binding.isEmpty()) {
            return Update.unbound(state, key, "in the events view");
        }
        return switch (binding.get().action()) {
            case BACK -> Step.of(state.withOverlay(null));
            case FILTER -> Step.of(state.withOverlay(new Overlay.Events(0, e.filter(), true)));
            default -> {
                int lines = EventFold.fold(EventFold.matching(state.snapshot().events(), e.filter())).size();
                int rows = Math.max(1, state.layout().bodyHeight() - 2);
                int top = Math.max(0, Math.min(lines - rows, e.top() + scroll(binding.get().action(), rows)));
                yield Step.of(state.withOverlay(new Overlay.Events(top, e.filter(), false, e.selected())));
            }
        };
    }

    static Step advice(DashboardState state, Overlay.AdviceList a, KeyStroke key) {
        Optional<KeyBinding> binding = Keymap.lookup(Context.ADVICE, key, state.mode().demo());
        if (binding.isEmpty()) {
            return Update.unbound(state, key, "in the advice view");
        }
        List<AdviceView> advice = state.advice();
        int last = Math.max(0, advice.size() - 1);
        return switch (binding.get().action()) {
            case BACK -> Step.of(state.withOverlay(null));
            case UP -> Step.of(state.withOverlay(new Overlay.AdviceList(Math.max(0, a.cursor() - 1))));
            case DOWN -> Step.of(state.withOverlay(new Overlay.AdviceList(Math.min(last, a.cursor() + 1))));
            case APPLY_ADVICE -> state.mode().readOnly()
                    ? Step.of(state.error("read-only: a (apply advice) is disabled; start detour without --read-only to change things"))
                    : MainKeys.applyAdvice(state, advice.isEmpty() ? null : advice.get(Math.min(a.cursor(), last)));
            default -> Step.of(state);
        };
    }
}
