package dev.detour.health;

import dev.detour.journal.Event;
import dev.detour.journal.EventJournal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Journals health state changes: one {@code health} event per upstream whose state changed, with its reason.
 * Changes to or from "unknown" are not changes (nothing was learnt). The last state recorded in the journal counts
 * as the state before, so that a restarted dashboard, or a dashboard beside {@code up --watch}, does not record
 * one transition twice.
 */
public final class HealthJournal {
    static final int LOOK_BACK = 200;

    private final EventJournal journal;
    private final Map<String, HealthState> last = new HashMap<>();

    public HealthJournal(EventJournal journal) {
        this.journal = journal;
    }

    /** The events for the upstreams whose state changed since the previous call; they are appended to the journal. */
    public synchronized List<Event> record(HealthSnapshot snapshot) {
        List<Event> changes = transitions(last, snapshot);
        if (changes.isEmpty()) {
            return changes;
        }
        Map<String, HealthState> recorded = lastRecorded();
        List<Event> written = new ArrayList<>();
        for (Event change : changes) {
            HealthState already = recorded.get(upstreamOf(change));
            if (already != null && already.word().equals(change.to())
                    || already == null && change.from() == null && HealthState.HEALTHY.word().equals(change.to())) {
                continue;
            }
            Event e = change.from() != null || already == null ? change
                    : new Event(change.time(), change.kind(), null, already.word(), change.to(), change.reason());
            try {
                journal.append(e);
                written.add(e);
            } catch (IOException notRecorded) {
                // the journal is a record, not a dependency: health keeps working without it
            }
        }
        return written;
    }

    /**
     * Pure: the events for every upstream whose known state differs from {@code known}, which it updates. For an
     * upstream seen for the first time {@code from} is null: its state before is the journal's (see {@link #record});
     * without one, only a start in trouble is news.
     */
    static List<Event> transitions(Map<String, HealthState> known, HealthSnapshot snapshot) {
        List<Event> events = new ArrayList<>();
        for (UpstreamHealth u : snapshot.upstreams()) {
            if (u.state() == HealthState.UNKNOWN) {
                continue;
            }
            HealthState before = known.put(u.name(), u.state());
            if (before != u.state()) {
                events.add(new Event(snapshot.at(), "health", null, before == null ? null : before.word(),
                        u.state().word(), u.name() + ": " + u.reason()));
            }
        }
        return events;
    }

    /** Each upstream's newest recorded health state, from the journal's tail. */
    private Map<String, HealthState> lastRecorded() {
        Map<String, HealthState> states = new HashMap<>();
        try {
            for (Event e : journal.newest(LOOK_BACK)) {
                if ("health".equals(e.kind()) && e.reason() != null) {
                    for (HealthState s : HealthState.values()) {
                        if (s.word().equals(e.to())) {
                            states.put(upstreamOf(e), s);
                        }
                    }
                }
            }
        } catch (IOException unreadable) {
            // without the journal's tail every change counts as new
        }
        return states;
    }

    /** The upstream a health event is about: its reason starts with "NAME: ". */
    public static String upstreamOf(Event e) {
        String reason = e.reason() == null ? "" : e.reason();
        int colon = reason.indexOf(": ");
        return colon < 0 ? reason : reason.substring(0, colon);
    }
}
