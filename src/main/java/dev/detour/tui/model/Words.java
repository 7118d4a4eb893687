package dev.detour.tui.model;

import java.util.List;

/** How the dashboard words lists and counts. */
public final class Words {
    private Words() {
    }

    /** "main", "main and api", "main, api and docs", "main, api, docs and 4 more". */
    public static String names(List<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        if (names.size() <= 3) {
            return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        }
        return String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
    }

    public static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
