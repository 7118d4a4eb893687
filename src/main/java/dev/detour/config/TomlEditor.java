package dev.detour.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a change of the config tree into the smallest edit of the TOML text: a changed value is replaced in place
 * (its key, spacing and trailing comment stay), a new key goes after the last key of its table with the same
 * indentation, a new table is appended after the last table of its section, and removed keys and tables lose
 * exactly their own lines. Every other byte of the text is kept.
 */
final class TomlEditor {
    private record Edit(int start, int end, String replacement, int seq) {
    }

    private final TomlLayout layout;
    private final String text;
    private final Map<String, Object> before;
    private final Map<String, Object> after;
    private final List<Edit> edits = new ArrayList<>();
    private final Set<List<String>> done = new HashSet<>();
    private final String newline;

    private TomlEditor(TomlLayout layout, Map<String, Object> before, Map<String, Object> after) {
        this.layout = layout;
        this.text = layout.text();
        this.before = before;
        this.after = after;
        this.newline = text.contains("\r\n") ? "\r\n" : "\n";
    }

    static String edit(TomlLayout layout, Map<String, Object> before, Map<String, Object> after) {
        return new TomlEditor(layout, before, after).apply();
    }

    /** {@code [settings]} is a table; {@code [upstreams.NAME]} and {@code [sessions.NAME]} are the tables of those sections. */
    static int tableDepth(List<String> path) {
        return path.get(0).equals("upstreams") || path.get(0).equals("sessions") ? 2 : 1;
    }

    private String apply() {
        Map<List<String>, Object> oldLeaves = ConfigTree.leaves(before);
        Map<List<String>, Object> newLeaves = ConfigTree.leaves(after);
        List<List<String>> removedTables = removeTables(oldLeaves.keySet());

        Set<List<String>> changed = new LinkedHashSet<>();
        newLeaves.forEach((path, value) -> {
            if (!Objects.equals(value, oldLeaves.get(path))) {
                changed.add(path);
            }
        });
        for (List<String> path : oldLeaves.keySet()) {
            if (!newLeaves.containsKey(path) && removedTables.stream().noneMatch(t -> startsWith(path, t))) {
                changed.add(path);
            }
        }
        for (List<String> path : changed) {
            rewrite(path, newLeaves.get(path));
        }
        return applyEdits();
    }

    private List<List<String>> removeTables(Set<List<String>> oldPaths) {
        List<List<String>> removed = new ArrayList<>();
        Set<List<String>> candidates = new LinkedHashSet<>();
        for (List<String> path : oldPaths) {
            candidates.add(List.copyOf(path.subList(0, Math.min(path.size(), tableDepth(path)))));
        }
        for (List<String> table : candidates) {
            if (ConfigTree.at(after, table) != null) {
                continue;
            }
            TomlLayout.Table header = layout.table(table);
            if (header == null) {
                continue;
            }
            int end = header.lineEnd();
            for (TomlLayout.Table t : layout.tables()) {
                if (startsWith(t.path(), table)) {
                    end = Math.max(end, layout.endOfContent(t.path()));
                }
            }
            edits.add(new Edit(header.lineStart(), end, "", edits.size()));
            removed.add(table);
        }
        return removed;
    }

    private void rewrite(List<String> path, Object newValue) {
        TomlLayout.Entry covering = layout.entryCovering(path);
        if (covering != null) {
            if (!done.add(covering.path())) {
                return;
            }
            Object value = ConfigTree.at(after, covering.path());
            if (value == null) {
                edits.add(new Edit(covering.lineStart(), covering.lineEnd(), "", edits.size()));
            } else {
                String existing = text.substring(covering.valueStart(), covering.valueEnd());
                TomlValues.Style style = TomlValues.Style.of(existing);
                String replacement = value instanceof List<?> items && existing.contains("\n")
                        ? MultiLineArray.reorder(existing, items, style) : null;
                edits.add(new Edit(covering.valueStart(), covering.valueEnd(),
                        replacement != null ? replacement : TomlValues.render(value, style), edits.size()));
            }
            return;
        }
        if (newValue == null) {
            return;
        }
        int depth = tableDepth(path);
        for (int n = path.size() - 1; n >= depth; n--) {
            List<String> table = path.subList(0, n);
            if (layout.table(table) != null) {
                insertKey(List.copyOf(table), path.get(n));
                return;
            }
        }
        appendTable(List.copyOf(path.subList(0, depth)));
    }

    private void insertKey(List<String> table, String key) {
        List<String> keyPath = new ArrayList<>(table);
        keyPath.add(key);
        if (!done.add(keyPath)) {
            return;
        }
        int at = layout.endOfContent(table);
        String indent = "";
        for (TomlLayout.Entry e : layout.entries()) {
            if (e.table().equals(table)) {
                indent = leadingBlanks(e.lineStart());
            }
        }
        String line = indent + TomlValues.key(key) + " = "
                + TomlValues.render(ConfigTree.at(after, keyPath), TomlValues.Style.DEFAULT) + newline;
        edits.add(new Edit(at, at, newlineBefore(at) + line, edits.size()));
    }

    @SuppressWarnings("unchecked")
    private void appendTable(List<String> table) {
        if (!done.add(table)) {
            return;
        }
        int at = text.length();
        int lastStart = -1;
        for (TomlLayout.Table t : layout.tables()) {
            if (t.path().get(0).equals(table.get(0)) && t.lineStart() > lastStart) {
                lastStart = t.lineStart();
                at = layout.endOfContent(t.path());
            }
        }
        StringBuilder block = new StringBuilder(newlineBefore(at));
        if (at > 0) {
            block.append(newline);
        }
        StringBuilder header = new StringBuilder();
        for (String part : table) {
            header.append(header.length() == 0 ? "" : ".").append(TomlValues.key(part));
        }
        block.append('[').append(header).append(']').append(newline);
        Map<String, Object> values = (Map<String, Object>) ConfigTree.at(after, table);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            List<String> keyPath = new ArrayList<>(table);
            keyPath.add(e.getKey());
            if (Objects.equals(ConfigTree.at(before, keyPath), e.getValue())) {
                continue;
            }
            block.append(TomlValues.key(e.getKey())).append(" = ")
                    .append(TomlValues.render(e.getValue(), TomlValues.Style.DEFAULT)).append(newline);
        }
        edits.add(new Edit(at, at, block.toString(), edits.size()));
    }

    private String newlineBefore(int at) {
        return at > 0 && at == text.length() && !text.endsWith("\n") ? newline : "";
    }

    private String leadingBlanks(int lineStart) {
        int i = lineStart;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(lineStart, i);
    }

    private String applyEdits() {
        List<Edit> ordered = new ArrayList<>(edits);
        ordered.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::seq).reversed());
        StringBuilder out = new StringBuilder(text);
        int limit = Integer.MAX_VALUE;
        for (Edit e : ordered) {
            if (e.end() > limit) {
                throw new IllegalStateException("overlapping edits of the config text");
            }
            out.replace(e.start(), e.end(), e.replacement());
            limit = e.start();
        }
        return out.toString();
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }
}
