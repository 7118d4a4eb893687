package dev.detour.tui.model;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.detour.config.Config;
import dev.detour.route.RouteRequest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the keys do in the dialogs: the reroute picker, a confirmation, the help, the filter prompt. */
final class DialogKeys {
    private DialogKeys() {
    }

    static Step picker(DashboardState state, Overlay.Picker p, KeyStroke key) {
        Optional<KeyBinding> binding = Keymap.lookup(Context.PICKER, key, state.mode().demo());
        if (binding.isEmpty()) {
            return Update.unbound(state, key, "in the picker");
        }
        int last = p.options().size() - 1;
        return switch (binding.get().action()) {
            case BACK -> Step.of(state.withOverlay(null).info("reroute cancelled"));
            case UP -> Step.of(state.withOverlay(new Overlay.Picker(p.sessions(), p.options(), Math.max(0, p.cursor() - 1))));
            case DOWN -> Step.of(state.withOverlay(new Overlay.Picker(p.sessions(), p.options(), Math.min(last, p.cursor() + 1))));
            case TOP -> Step.of(state.withOverlay(new Overlay.Picker(p.sessions(), p.options(), 0)));
            case BOTTOM -> Step.of(state.withOverlay(new Overlay.Picker(p.sessions(), p.options(), last)));
            case CHOOSE -> choose(state, p);
            default -> Step.of(state);
        };
    }

    private static Step choose(DashboardState state, Overlay.Picker p) {
        String chosen = p.options().get(p.cursor());
        if (state.snapshot().config().team() != null) {
            return Step.of(state.withOverlay(new Overlay.Scope(p.sessions(), chosen, false)));
        }
        return reroute(state, p.sessions(), chosen);
    }

    /** The reroute on this box: the config's routes, asked first when it is surprising. */
    static Step reroute(DashboardState state, List<String> sessions, String chosen) {
        Config config = state.snapshot().config();
        List<String> moving = sessions.stream()
                .filter(s -> config.session(s).map(x -> x.route().isEmpty() || !x.route().get(0).equals(chosen)).orElse(false))
                .toList();
        if (moving.isEmpty()) {
            return Step.of(state.withOverlay(null).info(Words.names(sessions) + " already "
                    + (sessions.size() == 1 ? "routes" : "route") + " to " + chosen));
        }
        return RouteGuard.guarded(state, "Reroute to " + chosen, "Reroute", new RouteRequest.Reroute(moving, chosen), null,
                "Reroute " + Words.names(moving) + " to " + chosen + "?");
    }

    static Step confirm(DashboardState state, Overlay.Confirm c, KeyStroke key) {
        Optional<KeyBinding> binding = Keymap.lookup(Context.CONFIRM, key, state.mode().demo());
        if (binding.isEmpty()) {
            return Update.unbound(state, key, "in this dialog (y confirms, n cancels)");
        }
        return switch (binding.get().action()) {
            case CONFIRM -> RouteGuard.proceed(state.withOverlay(null), c.onYes());
            case CHOOSE -> c.yesFocused() ? RouteGuard.proceed(state.withOverlay(null), c.onYes()) : cancelled(state, c);
            case DECLINE -> cancelled(state, c);
            case SWITCH_BUTTON -> Step.of(state.withOverlay(new Overlay.Confirm(c.title(), c.question(), c.yesLabel(),
                    c.onYes(), !c.yesFocused())));
            default -> Step.of(state);
        };
    }

    private static Step cancelled(DashboardState state, Overlay.Confirm c) {
        return Step.of(state.withOverlay(null).info(c.title().toLowerCase(Locale.ROOT) + ": cancelled"));
    }

    static Step help(DashboardState state, Overlay.Help h, KeyStroke key) {
        Optional<KeyBinding> binding = Keymap.lookup(Context.HELP, key, state.mode().demo());
        if (binding.isEmpty()) {
            return Update.unbound(state, key, "in the help");
        }
        if (binding.get().action() == Action.BACK) {
            return Step.of(state.withOverlay(null));
        }
        int scroll = ViewKeys.scroll(binding.get().action(), state.size().getRows() - 6);
        return Step.of(state.withOverlay(new Overlay.Help(Math.max(0, h.top() + scroll))));
    }

    static Step filtering(DashboardState state, Overlay.Filtering f, KeyStroke key) {
        Optional<KeyBinding> binding = Keymap.lookup(Context.FILTER, key, state.mode().demo());
        if (binding.isPresent()) {
            return switch (binding.get().action()) {
                case BACK -> Step.of(state.withFilter(f.before()).withOverlay(null));
                case KEEP -> Step.of(state.withOverlay(null));
                case ERASE -> Step.of(state.filter().isEmpty() ? state.withOverlay(null)
                        : state.withFilter(state.filter().substring(0, state.filter().length() - 1)));
                case UP -> Step.of(MainKeys.move(state, -1));
                case DOWN -> Step.of(MainKeys.move(state, 1));
                default -> Step.of(state);
            };
        }
        String typed = typed(key);
        return typed == null ? Step.of(state) : Step.of(state.withFilter(state.filter() + typed));
    }

    /** The character a key types into a prompt, or null for a control key. */
    static String typed(KeyStroke key) {
        if (key.getKeyType() != KeyType.Character || key.isCtrlDown() || key.isAltDown()
                || Character.isISOControl(key.getCharacter())) {
            return null;
        }
        return String.valueOf(key.getCharacter());
    }
}
