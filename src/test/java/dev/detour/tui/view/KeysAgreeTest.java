package dev.detour.tui.view;

import dev.detour.tui.Fixtures;
import dev.detour.tui.model.Action;
import dev.detour.tui.model.Context;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.KeyBinding;
import dev.detour.tui.model.Keymap;
import dev.detour.tui.model.Mode;
import dev.detour.tui.model.Step;
import dev.detour.tui.model.Update;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.detour.tui.Keys.ch;
import static dev.detour.tui.Keys.key;
import static dev.detour.tui.Keys.press;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The help and the footer agree with what each view does: every key the help lists for a view does something
 * there, every key a view handles is in the help, and every footer hint is a key of that view.
 */
class KeysAgreeTest {
    static final Mode DEMO = new Mode(false, true, true);
    /** Moves that may change nothing where the cursor already is (at the top, "up" has nowhere to go). */
    static final Set<Action> MOVES = Set.of(Action.UP, Action.DOWN, Action.PAGE_UP, Action.PAGE_DOWN, Action.TOP,
            Action.BOTTOM, Action.REDRAW);

    static Map<Context, DashboardState> views() {
        DashboardState main = DashboardState.initial(Fixtures.snapshot(), DEMO, new TerminalSize(100, 30), Fixtures.NOW);
        Map<Context, DashboardState> views = new LinkedHashMap<>();
        views.put(Context.MAIN, main);
        views.put(Context.DETAILS, press(main, key(KeyType.Enter)).state());
        views.put(Context.EVENTS, press(main, ch('v')).state());
        views.put(Context.EVENTS_FILTER, press(main, ch('v'), ch('/'), ch('a')).state());
        views.put(Context.ADVICE, press(main, ch('A')).state());
        views.put(Context.PICKER, press(main, ch('r')).state());
        views.put(Context.CONFIRM, press(main, ch('b')).state());
        views.put(Context.FILTER, press(main, ch('/'), ch('a')).state());
        views.put(Context.HELP, press(main, ch('?')).state());
        views.forEach((context, state) -> assertEquals(context, Keymap.contextOf(state.overlay()), context.name()));
        return views;
    }

    /** Every key a user can press: printable characters, ctrl-letters, and the special keys. */
    static List<KeyStroke> everyKey() {
        List<KeyStroke> keys = new ArrayList<>();
        for (char c = ' '; c <= '~'; c++) {
            keys.add(ch(c));
        }
        for (char c = 'a'; c <= 'z'; c++) {
            keys.add(new KeyStroke(c, true, false));
        }
        for (KeyType t : List.of(KeyType.ArrowUp, KeyType.ArrowDown, KeyType.ArrowLeft, KeyType.ArrowRight, KeyType.PageUp,
                KeyType.PageDown, KeyType.Home, KeyType.End, KeyType.Enter, KeyType.Escape, KeyType.Backspace, KeyType.Tab,
                KeyType.ReverseTab, KeyType.Delete, KeyType.Insert, KeyType.F1)) {
            keys.add(key(t));
        }
        return keys;
    }

    static boolean saysItDoesNothing(Step step) {
        return step.state().flash() != null && step.state().flash().text().contains("does nothing");
    }

    static String helpText(DashboardState state) {
        return Dialogs.helpLines(state).stream().map(line -> line.stream().map(Seg::text).collect(Collectors.joining()))
                .collect(Collectors.joining("\n")).replaceAll("\\s+", " ");
    }

    @Test
    void everyKeyTheHelpListsForAViewDoesSomethingThere() {
        List<String> problems = new ArrayList<>();
        views().forEach((context, state) -> {
            for (KeyBinding b : Keymap.of(context, true)) {
                for (KeyBinding.Key k : b.keys()) {
                    KeyStroke stroke = k.type() == KeyType.Character ? new KeyStroke(k.character(), k.ctrl(), false)
                            : new KeyStroke(k.type());
                    Step step = Update.apply(state, stroke);
                    boolean changed = !step.state().equals(state) || !step.effects().isEmpty();
                    if (saysItDoesNothing(step) || !(changed || MOVES.contains(b.action()))) {
                        problems.add(context + ": " + k.written() + " (" + b.description() + ") does nothing");
                    }
                }
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyKeyAViewHandlesIsInTheHelpAndEveryOtherKeySaysItDoesNothing() {
        DashboardState main = views().get(Context.MAIN);
        String help = helpText(main);
        List<String> problems = new ArrayList<>();
        views().forEach((context, state) -> {
            List<KeyBinding> bindings = Keymap.of(context, true);
            for (KeyBinding b : bindings) {
                String listed = b.written();
                if (!help.contains(listed)) {
                    problems.add(context + ": " + listed + " (" + b.description() + ") is not in the help");
                }
            }
            boolean prompt = context == Context.FILTER || context == Context.EVENTS_FILTER;
            for (KeyStroke stroke : everyKey()) {
                boolean bound = bindings.stream().anyMatch(b -> b.matches(stroke));
                boolean typed = prompt && stroke.getKeyType() == KeyType.Character && !stroke.isCtrlDown();
                boolean quits = stroke.getKeyType() == KeyType.Character && stroke.isCtrlDown() && stroke.getCharacter() == 'c';
                Step step = Update.apply(state, stroke);
                if (!bound && !typed && !quits && !prompt && !saysItDoesNothing(step)) {
                    problems.add(context + ": " + stroke + " does something but the help does not list it");
                }
                if (bound && saysItDoesNothing(step)) {
                    problems.add(context + ": " + stroke + " is listed but says it does nothing");
                }
            }
        });
        assertTrue(help.contains("Shift") || !main.mode().mouse(), help);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyFooterHintIsAKeyOfTheViewItIsShownIn() {
        views().forEach((context, state) -> {
            Set<String> hints = Keymap.of(context, true).stream().map(KeyBinding::hint).filter(h -> h != null)
                    .collect(Collectors.toSet());
            for (String[] hint : Footer.contextHints(state)) {
                assertTrue(hint[1].equals("to filter") || hints.contains(hint[1]), context + ": footer hint " + hint[0] + " " + hint[1]);
            }
        });
    }

    @Test
    void withTheMouseOnTheHelpSaysHowToSelectText() {
        DashboardState mouse = DashboardState.initial(Fixtures.snapshot(), DEMO.withMouse(true), new TerminalSize(80, 24), Fixtures.NOW);
        String help = helpText(mouse);
        assertTrue(help.contains("click selects") && help.contains("hold Shift") && help.contains("DETOUR_NO_MOUSE"), help);
        assertTrue(helpText(views().get(Context.MAIN)).contains("Mouse: off"));
    }
}
