package dev.detour.tui.model;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.input.MouseAction;
import com.googlecode.lanterna.input.MouseActionType;
import dev.detour.config.Session;

import java.util.List;

/**
 * What the mouse does, where the terminal reports it: a left click selects the row under it (a table's row, an event
 * line, a picker option), the wheel scrolls what is under it by {@link #WHEEL_LINES}. Releases, drags and other
 * buttons do nothing, silently: they are not keys the user chose.
 */
final class MouseInput {
    static final int WHEEL_LINES = 3;
    private static final int LEFT_BUTTON = 1;

    private MouseInput() {
    }

    static Step apply(DashboardState state, MouseAction m) {
        MouseActionType type = m.getActionType();
        boolean wheel = type == MouseActionType.SCROLL_UP || type == MouseActionType.SCROLL_DOWN;
        if (!wheel && !(type == MouseActionType.CLICK_DOWN && m.getButton() == LEFT_BUTTON)) {
            return Step.of(state);
        }
        int row = m.getPosition().getRow();
        KeyStroke arrow = new KeyStroke(type == MouseActionType.SCROLL_UP ? KeyType.ArrowUp : KeyType.ArrowDown);
        Overlay o = state.overlay();
        if (o == null || o instanceof Overlay.Filtering) {
            return Step.of(wheel ? wheelOnMain(state, row, type == MouseActionType.SCROLL_UP ? -WHEEL_LINES : WHEEL_LINES)
                    : clickOnMain(state, row));
        }
        if (o instanceof Overlay.Picker p) {
            if (wheel) {
                return Update.apply(state, arrow);
            }
            int option = PickerLines.of(state, p).optionOnRow(row);
            return option < 0 ? Step.of(state)
                    : Step.of(state.withOverlay(new Overlay.Picker(p.sessions(), p.options(), option)));
        }
        if (o instanceof Overlay.Events e && !e.typing()) {
            return wheel ? repeat(state, arrow) : Step.of(clickOnEvent(state, e, row));
        }
        if (wheel && (o instanceof Overlay.Details || o instanceof Overlay.Help)) {
            return repeat(state, arrow);
        }
        if (wheel && o instanceof Overlay.AdviceList) {
            return Update.apply(state, arrow);
        }
        return Step.of(state);
    }

    private static Step repeat(DashboardState state, KeyStroke key) {
        Step step = Step.of(state);
        for (int i = 0; i < WHEEL_LINES; i++) {
            step = Update.apply(step.state(), key);
        }
        return step;
    }

    /** A click on a table's row puts the cursor there; on a table's title or column header it focuses the table. */
    private static DashboardState clickOnMain(DashboardState state, int row) {
        Layout layout = state.layout();
        Layout.Pane sessions = layout.sessions();
        Layout.Pane upstreams = layout.upstreams();
        if (inside(sessions, row)) {
            List<Session> visible = state.visibleSessions();
            int index = state.sessionTop() + row - sessions.firstRow();
            DashboardState focused = state.withFocus(Focus.SESSIONS);
            return row >= sessions.firstRow() && index < visible.size()
                    ? focused.withSessionCursor(visible.get(index).name()) : focused;
        }
        if (inside(upstreams, row)) {
            List<String> names = List.copyOf(state.snapshot().config().upstreams().keySet());
            int index = state.upstreamTop() + row - upstreams.firstRow();
            DashboardState focused = state.withFocus(Focus.UPSTREAMS);
            return row >= upstreams.firstRow() && index < names.size() ? focused.withUpstreamCursor(names.get(index)) : focused;
        }
        return state;
    }

    /** The wheel moves the cursor of the table under the pointer (which takes the focus). */
    private static DashboardState wheelOnMain(DashboardState state, int row, int delta) {
        Layout layout = state.layout();
        if (inside(layout.sessions(), row)) {
            return MainKeys.move(state.withFocus(Focus.SESSIONS), delta);
        }
        if (inside(layout.upstreams(), row)) {
            return MainKeys.move(state.withFocus(Focus.UPSTREAMS), delta);
        }
        return state;
    }

    private static boolean inside(Layout.Pane pane, int row) {
        return row >= pane.top() && row < pane.top() + pane.height();
    }

    /** Selects the event line under the pointer (the view's lines start two rows under its title). */
    private static DashboardState clickOnEvent(DashboardState state, Overlay.Events e, int row) {
        Layout layout = state.layout();
        int lines = EventFold.fold(EventFold.matching(state.snapshot().events(), e.filter())).size();
        int rows = Math.max(1, layout.bodyHeight() - 2);
        int top = Math.max(0, Math.min(e.top(), lines - rows));
        int first = layout.bodyTop() + 2;
        int index = top + row - first;
        if (row < first || row >= first + rows || index >= lines) {
            return state;
        }
        return state.withOverlay(new Overlay.Events(top, e.filter(), false, index));
    }
}
