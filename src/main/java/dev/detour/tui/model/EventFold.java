package dev.detour.tui.model;

import dev.detour.journal.Event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The events as the dashboard lists them: newest first, a run of breaker changes of one upstream (its trials while
 * it stays down) folded into one line with a count. Any other event closes the runs, so the order stays true. Pure.
 */
public final class EventFold {
    /**
     * One line: the newest event of the run, how many it stands for, since when, and the sessions they came from.
     */
    public record Line(Event event, int count, Instant since, List<String> sessions) {
        public Line {
            sessions = List.copyOf(sessions);
        }

        public boolean folded() {
            return count > 1;
        }
    }

    private EventFold() {
    }

    /** The events whose kind, session, upstreams or reason contain {@code filter} (any case); all when it is empty. */
    public static List<Event> matching(List<Event> events, String filter) {
        if (filter == null || filter.isBlank()) {
            return events;
        }
        String needle = filter.toLowerCase(Locale.ROOT).strip();
        return events.stream().filter(e -> contains(e.kind(), needle) || contains(e.session(), needle)
                || contains(e.from(), needle) || contains(e.to(), needle) || contains(e.reason(), needle)).toList();
    }

    private static boolean contains(String s, String needle) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(needle);
    }

    /** @param oldestFirst events as the journal holds them */
    public static List<Line> fold(List<Event> oldestFirst) {
        List<Line> lines = new ArrayList<>();
        Map<String, Integer> open = new HashMap<>();
        Map<Integer, Set<String>> sessions = new HashMap<>();
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            Event e = oldestFirst.get(i);
            if (!"breaker".equals(e.kind()) || e.from() == null) {
                open.clear();
                lines.add(new Line(e, 1, e.time(), e.session() == null ? List.of() : List.of(e.session())));
                continue;
            }
            Integer at = open.get(e.from());
            if (at == null) {
                open.put(e.from(), lines.size());
                Set<String> names = new LinkedHashSet<>();
                if (e.session() != null) {
                    names.add(e.session());
                }
                sessions.put(lines.size(), names);
                lines.add(new Line(e, 1, e.time(), List.copyOf(names)));
            } else {
                Line line = lines.get(at);
                Set<String> names = sessions.get(at);
                if (e.session() != null) {
                    names.add(e.session());
                }
                lines.set(at, new Line(line.event(), line.count() + 1, e.time(), List.copyOf(names)));
            }
        }
        return lines;
    }

    /** Whether the line is one to notice: a route change, a family flip, a team change. */
    public static boolean standsOut(Event e) {
        return e.kind() != null && switch (e.kind()) {
            case "reroute", "family", "team", "team_override" -> true;
            default -> false;
        };
    }
}
