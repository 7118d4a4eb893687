package dev.detour.tui.model;

import com.googlecode.lanterna.TerminalSize;
import dev.detour.config.Session;
import dev.detour.config.Upstream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Everything the dashboard shows, immutable. Cursors are kept by name so that rows arriving or leaving do not move
 * them to another session; scroll offsets are kept so that the view does not jump.
 *
 * @param marks  marked session names
 * @param undo   route changes that {@code U} can undo, newest last
 */
public record DashboardState(Snapshot snapshot, Mode mode, TerminalSize size, Instant now, boolean paused,
                             Focus focus, String sessionCursor, int sessionTop, String upstreamCursor, int upstreamTop,
                             Set<String> marks, String filter, Overlay overlay, Flash flash, List<UndoEntry> undo) {
    public static final int UNDO_DEPTH = 20;

    public DashboardState {
        marks = Collections.unmodifiableSet(new LinkedHashSet<>(marks));
        undo = List.copyOf(undo);
        filter = filter == null ? "" : filter;
    }

    public static DashboardState initial(Snapshot snapshot, Mode mode, TerminalSize size, Instant now) {
        return new DashboardState(snapshot, mode, size, now, false, Focus.SESSIONS, null, 0, null, 0, Set.of(), "",
                null, null, List.of()).normalized();
    }

    /** The health advice, then the offers to move sessions back to upstreams that recovered. */
    public List<AdviceView> advice() {
        List<AdviceView> recovery = Recovery.advice(snapshot, now);
        if (recovery.isEmpty()) {
            return snapshot.advice();
        }
        List<AdviceView> all = new ArrayList<>(snapshot.advice().stream()
                .filter(a -> !a.text().startsWith("all upstreams healthy")).toList());
        all.addAll(recovery);
        return all;
    }

    /** Sessions that pass the filter, in config order. */
    public List<Session> visibleSessions() {
        List<Session> all = snapshot.sessions();
        if (filter.isEmpty()) {
            return all;
        }
        String needle = filter.toLowerCase(Locale.ROOT);
        List<Session> shown = new ArrayList<>();
        for (Session s : all) {
            if (s.name().toLowerCase(Locale.ROOT).contains(needle)
                    || s.route().stream().anyMatch(u -> u.toLowerCase(Locale.ROOT).contains(needle))) {
                shown.add(s);
            }
        }
        return shown;
    }

    public List<Upstream> upstreams() {
        return List.copyOf(snapshot.config().upstreams().values());
    }

    public Layout layout() {
        return Layout.of(size, visibleSessions().size(), snapshot.config().upstreams().size());
    }

    /** The sessions an action applies to: the details view's session, else the marked ones, else the cursor's. */
    public List<String> targets() {
        if (overlay instanceof Overlay.Details d && d.kind() == Focus.SESSIONS) {
            return List.of(d.name());
        }
        List<String> marked = snapshot.sessions().stream().map(Session::name).filter(marks::contains).toList();
        if (!marked.isEmpty()) {
            return marked;
        }
        return sessionCursor == null ? List.of() : List.of(sessionCursor);
    }

    /** The upstream the cursor names: the upstream table's row, else the cursor session's current upstream. */
    public String selectedUpstream() {
        if (overlay instanceof Overlay.Details d && d.kind() == Focus.UPSTREAMS) {
            return d.name();
        }
        if (focus == Focus.UPSTREAMS) {
            return upstreamCursor;
        }
        if (sessionCursor == null) {
            return null;
        }
        return snapshot.config().session(sessionCursor).filter(s -> !s.route().isEmpty())
                .map(s -> s.route().get(0)).orElse(null);
    }

    public DashboardState withSnapshot(Snapshot newSnapshot) {
        return new DashboardState(newSnapshot, mode, size, now, paused, focus, sessionCursor, sessionTop,
                upstreamCursor, upstreamTop, marks, filter, overlay, flash, undo).normalized();
    }

    public DashboardState withSize(TerminalSize newSize) {
        return new DashboardState(snapshot, mode, newSize, now, paused, focus, sessionCursor, sessionTop,
                upstreamCursor, upstreamTop, marks, filter, overlay, flash, undo).normalized();
    }

    public DashboardState at(Instant newNow) {
        Flash keep = flash != null && flash.shownAt(newNow) ? flash : null;
        return new DashboardState(snapshot, mode, size, newNow, paused, focus, sessionCursor, sessionTop,
                upstreamCursor, upstreamTop, marks, filter, overlay, keep, undo);
    }

    public DashboardState withPaused(boolean value) {
        return new DashboardState(snapshot, mode, size, now, value, focus, sessionCursor, sessionTop,
                upstreamCursor, upstreamTop, marks, filter, overlay, flash, undo);
    }

    public DashboardState withFocus(Focus value) {
        return new DashboardState(snapshot, mode, size, now, paused, value, sessionCursor, sessionTop,
                upstreamCursor, upstreamTop, marks, filter, overlay, flash, undo).normalized();
    }

    public DashboardState withSessionCursor(String name) {
        return new DashboardState(snapshot, mode, size, now, paused, focus, name, sessionTop,
                upstreamCursor, upstreamTop, marks, filter, overlay, flash, undo).normalized();
    }

    public DashboardState withUpstreamCursor(String name) {
        return new DashboardState(snapshot, mode, size, now, paused, focus, sessionCursor, sessionTop,
                name, upstreamTop, marks, filter, overlay, flash, undo).normalized();
    }

    public DashboardState withMarks(Set<String> value) {
        return new DashboardState(snapshot, mode, size, now, paused, focus, sessionCursor, sessionTop,
                upstreamCursor, upstreamTop, value, filter, overlay, flash, undo);
    }

    public DashboardState withFilter(String value) {
        return new DashboardState(snapshot, mode, size, now, paused, focus, sessionCursor, sessionTop,
                upstreamCursor, upstreamTop, marks, value, overlay, flash, undo).normalized();
    }

    public DashboardState withOverlay(Overlay value) {
        return new DashboardState(snapshot, mode, size, now, paused, focus, sessionCursor, sessionTop,
                upstreamCursor, upstreamTop, marks, filter, value, flash, undo);
    }

    public DashboardState withFlash(Flash value) {
        return new DashboardState(snapshot, mode, size, now, paused, focus, sessionCursor, sessionTop,
                upstreamCursor, upstreamTop, marks, filter, overlay, value, undo);
    }

    public DashboardState info(String text) {
        return withFlash(Flash.info(text, now));
    }

    public DashboardState error(String text) {
        return withFlash(Flash.error(text, now));
    }

    public DashboardState withUndo(List<UndoEntry> value) {
        List<UndoEntry> bounded = value.size() > UNDO_DEPTH ? value.subList(value.size() - UNDO_DEPTH, value.size()) : value;
        return new DashboardState(snapshot, mode, size, now, paused, focus, sessionCursor, sessionTop,
                upstreamCursor, upstreamTop, marks, filter, overlay, flash, bounded);
    }

    /** Cursors on existing rows, scroll offsets keeping them in view, marks only of existing sessions. */
    public DashboardState normalized() {
        List<String> sessionNames = visibleSessions().stream().map(Session::name).toList();
        List<String> upstreamNames = List.copyOf(snapshot.config().upstreams().keySet());
        String sc = sessionCursor != null && sessionNames.contains(sessionCursor) ? sessionCursor
                : sessionNames.isEmpty() ? null : sessionNames.get(Math.min(indexHint(sessionTop), sessionNames.size() - 1));
        String uc = upstreamCursor != null && upstreamNames.contains(upstreamCursor) ? upstreamCursor
                : upstreamNames.isEmpty() ? null : upstreamNames.get(0);
        Layout layout = Layout.of(size, sessionNames.size(), upstreamNames.size());
        int st = scrolled(sessionTop, sessionNames.indexOf(sc), layout.sessions().rows(), sessionNames.size());
        int ut = scrolled(upstreamTop, upstreamNames.indexOf(uc), layout.upstreams().rows(), upstreamNames.size());
        Set<String> keptMarks = new LinkedHashSet<>(marks);
        keptMarks.retainAll(snapshot.config().sessions().keySet());
        return new DashboardState(snapshot, mode, size, now, paused, focus, sc, st, uc, ut, keptMarks, filter,
                overlay, flash, undo);
    }

    private static int indexHint(int top) {
        return Math.max(0, top);
    }

    static int scrolled(int top, int cursor, int rows, int count) {
        if (rows <= 0 || count == 0) {
            return 0;
        }
        int t = top;
        if (cursor >= 0 && cursor < t) {
            t = cursor;
        }
        if (cursor >= t + rows) {
            t = cursor - rows + 1;
        }
        return Math.max(0, Math.min(t, Math.max(0, count - rows)));
    }
}
