package dev.detour.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/**
 * Whether two config models are equal, as their records' {@code equals} would say: records component by component,
 * maps entry by entry, lists element by element, anything else by its own {@code equals}. The writer compares the
 * model twice per change; a record's generated {@code equals} is linked at its first call, one record type after
 * another, and on a fresh JVM that costs a short command like {@code detour reroute} tens of milliseconds; reading
 * the components through reflection costs about one.
 */
final class ConfigWriterEquality {
    private ConfigWriterEquality() {
    }

    static boolean same(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Record) {
            return a.getClass() == b.getClass() && sameRecords(a, b);
        }
        if (a instanceof Map<?, ?> left) {
            return b instanceof Map<?, ?> right && sameMaps(left, right);
        }
        if (a instanceof List<?> left) {
            return b instanceof List<?> right && sameLists(left, right);
        }
        return a.equals(b);
    }

    private static boolean sameRecords(Object a, Object b) {
        for (RecordComponent component : a.getClass().getRecordComponents()) {
            Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            try {
                if (!same(accessor.invoke(a), accessor.invoke(b))) {
                    return false;
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                return a.equals(b);
            }
        }
        return true;
    }

    private static boolean sameMaps(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<?, ?> entry : a.entrySet()) {
            if (!b.containsKey(entry.getKey()) || !same(entry.getValue(), b.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameLists(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!same(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
