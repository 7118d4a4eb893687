package dev.detour.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reorders an array written one item per line, moving each item's line together with its trailing comment and
 * the comment lines just above it, so that a route people annotated keeps its annotations when it is reordered.
 */
final class MultiLineArray {
    private static final Pattern ITEM = Pattern.compile("^([ \\t]*)(\"[^\"\\\\]*\"|'[^']*')([ \\t]*,)?([ \\t]*#.*)?$");
    private static final Pattern FILLER = Pattern.compile("^[ \\t]*(#.*)?$");
    private static final Pattern CLOSE = Pattern.compile("^[ \\t]*]$");

    private MultiLineArray() {
    }

    /**
     * @param existing the array as written, from {@code [} to {@code ]}
     * @return the reordered text, or null when {@code existing} is not one item per line (the caller then writes
     *         the array on one line)
     */
    static String reorder(String existing, List<?> items, TomlValues.Style style) {
        String newline = existing.contains("\r\n") ? "\r\n" : "\n";
        String[] lines = existing.split("\r?\n", -1);
        if (lines.length < 3 || !lines[0].matches("^\\[[ \\t]*(#.*)?$") || !CLOSE.matcher(lines[lines.length - 1]).matches()) {
            return null;
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Map<String, Matcher> itemLines = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>();
        String indent = null;
        boolean trailingComma = false;
        for (int i = 1; i < lines.length - 1; i++) {
            Matcher item = ITEM.matcher(lines[i]);
            if (item.matches()) {
                String literal = item.group(2);
                String name = literal.substring(1, literal.length() - 1);
                if (groups.containsKey(name)) {
                    return null;
                }
                pending.add(lines[i]);
                groups.put(name, pending);
                itemLines.put(name, item);
                pending = new ArrayList<>();
                indent = indent == null ? item.group(1) : indent;
                trailingComma = item.group(3) != null;
            } else if (FILLER.matcher(lines[i]).matches()) {
                pending.add(lines[i]);
            } else {
                return null;
            }
        }
        if (indent == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(lines[0]).append(newline);
        for (int i = 0; i < items.size(); i++) {
            String name = String.valueOf(items.get(i));
            String comma = i < items.size() - 1 || trailingComma ? "," : "";
            List<String> group = groups.get(name);
            if (group == null) {
                out.append(indent).append(TomlValues.render(name, style)).append(comma).append(newline);
                continue;
            }
            for (String line : group.subList(0, group.size() - 1)) {
                out.append(line).append(newline);
            }
            Matcher item = itemLines.get(name);
            String comment = item.group(4) == null ? "" : item.group(4);
            out.append(item.group(1)).append(item.group(2)).append(comma).append(comment).append(newline);
        }
        for (String line : pending) {
            out.append(line).append(newline);
        }
        return out.append(lines[lines.length - 1]).toString();
    }
}
