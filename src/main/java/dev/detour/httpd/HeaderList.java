package dev.detour.httpd;

import java.util.ArrayList;
import java.util.List;

/** HTTP header fields in order, names compared case-insensitively; a name may repeat. */
public final class HeaderList {
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    public int size() {
        return names.size();
    }

    public String name(int i) {
        return names.get(i);
    }

    public String value(int i) {
        return values.get(i);
    }

    public void add(String name, String value) {
        names.add(name);
        values.add(value);
    }

    /** Replaces every field of this name by one. */
    public void set(String name, String value) {
        remove(name);
        add(name, value);
    }

    public void remove(String name) {
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
            }
        }
    }

    /** The first value of {@code name}, or null. */
    public String first(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    /** Every value of {@code name}, in order (empty when absent). */
    public List<String> all(String name) {
        List<String> all = new ArrayList<>(1);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                all.add(values.get(i));
            }
        }
        return all;
    }

    public boolean contains(String name) {
        return first(name) != null;
    }

    /** Whether a comma-separated list header such as {@code Connection} has {@code token}, in any case. */
    public boolean hasToken(String name, String token) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                for (String part : values.get(i).split(",")) {
                    if (part.trim().equalsIgnoreCase(token)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
