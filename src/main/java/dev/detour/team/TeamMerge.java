package dev.detour.team;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Merges the team's live summaries into one {@link TeamView}. Pure. */
public final class TeamMerge {
    /** A box counts as failing on an upstream when at least this share of its recent requests there failed. */
    static final double FAILING_SHARE = 0.2;
    private static final Set<String> NOT_FAILURES = Set.of("ok", "client-error");

    private TeamMerge() {
    }

    private static final class Acc {
        final String name;
        final String url;
        final Set<String> boxes = new HashSet<>();
        final Map<String, Map<String, Integer>> byBox = new HashMap<>();
        final Map<String, int[]> boxTotals = new HashMap<>();
        final Map<String, Integer> classes = new TreeMap<>();
        int requests;
        int failures;
        long newest;
        int bridges;
        final Map<String, Summary.Line> verdictByBox = new HashMap<>();

        Acc(String name, String url) {
            this.name = name;
            this.url = url;
        }
    }

    public static TeamView merge(Collection<Summary> summaries, long nowMs) {
        Map<String, Acc> upstreams = new LinkedHashMap<>();
        Set<String> boxes = new HashSet<>();
        List<TeamView.SessionSeen> sessions = new ArrayList<>();
        for (Summary s : summaries) {
            boxes.add(s.box());
            sessions.add(new TeamView.SessionSeen(s.box(), s.session(), s.route().isEmpty() ? null : s.route().get(0),
                    s.override(), s.at()));
            for (Summary.Line line : s.upstreams()) {
                if (line.requests() <= 0 && line.probe() == null) {
                    continue;
                }
                Acc acc = upstreams.computeIfAbsent(line.name() + " " + line.url(), k -> new Acc(line.name(), line.url()));
                if (line.probe() != null) {
                    acc.verdictByBox.merge(s.box(), line, (a, b) -> b.probeAt() > a.probeAt() ? b : a);
                }
                if (line.requests() > 0) {
                    count(acc, s.box(), line);
                }
            }
        }
        List<TeamView.Upstream> out = new ArrayList<>();
        for (Acc acc : upstreams.values()) {
            String failure = dominant(acc.classes);
            int failing = 0;
            if (failure != null) {
                for (String box : acc.boxes) {
                    int[] t = acc.boxTotals.get(box);
                    if (t[1] >= FAILING_SHARE * t[0] && failure.equals(dominant(acc.byBox.get(box)))) {
                        failing++;
                    }
                }
            }
            Map<String, Integer> probes = new TreeMap<>();
            long probedAt = 0;
            for (Summary.Line v : acc.verdictByBox.values()) {
                probes.merge(v.probe(), 1, Integer::sum);
                probedAt = Math.max(probedAt, v.probeAt());
            }
            out.add(new TeamView.Upstream(acc.name, acc.url, acc.boxes.size(), failing, failure, acc.requests,
                    acc.failures, acc.classes, acc.newest, acc.bridges, probes, probedAt));
        }
        out.sort(Comparator.comparing(TeamView.Upstream::name).thenComparing(TeamView.Upstream::url));
        sessions.sort(Comparator.comparing(TeamView.SessionSeen::box).thenComparing(TeamView.SessionSeen::session));
        return new TeamView(nowMs, boxes.size(), out, sessions);
    }

    private static void count(Acc acc, String box, Summary.Line line) {
        acc.boxes.add(box);
        acc.requests += line.requests();
        acc.failures += line.failures();
        acc.newest = Math.max(acc.newest, line.newest());
        acc.bridges++;
        int[] totals = acc.boxTotals.computeIfAbsent(box, k -> new int[2]);
        totals[0] += line.requests();
        totals[1] += line.failures();
        Map<String, Integer> boxClasses = acc.byBox.computeIfAbsent(box, k -> new HashMap<>());
        line.classes().forEach((k, v) -> {
            acc.classes.merge(k, v, Integer::sum);
            boxClasses.merge(k, v, Integer::sum);
        });
    }

    /** The most frequent failure class (ties broken by name, so the result does not depend on order), or null. */
    static String dominant(Map<String, Integer> classes) {
        String best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> e : new TreeMap<>(classes).entrySet()) {
            if (NOT_FAILURES.contains(e.getKey()) || e.getValue() <= 0) {
                continue;
            }
            if (e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }
}
