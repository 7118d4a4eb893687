package dev.detour.net;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code NO_PROXY} as curl reads it: entries separated by commas or spaces; {@code *} alone matches every host; a
 * name (with or without a leading dot) matches itself and every name under it; an IP address matches itself and an
 * address with {@code /bits} its network; {@code host:port} limits an entry to one port.
 */
public final class NoProxyRules {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    private record Entry(String host, int port, int prefixBits) {
    }

    private final boolean all;
    private final List<Entry> entries;

    private NoProxyRules(boolean all, List<Entry> entries) {
        this.all = all;
        this.entries = List.copyOf(entries);
    }

    /** The rules of one {@code NO_PROXY} value; null or blank means none. */
    public static NoProxyRules parse(String value) {
        List<Entry> entries = new ArrayList<>();
        if (value == null) {
            return new NoProxyRules(false, entries);
        }
        for (String raw : value.split("[,\\s]+")) {
            String item = raw.strip().toLowerCase(Locale.ROOT);
            if (item.isEmpty()) {
                continue;
            }
            if (item.equals("*")) {
                return new NoProxyRules(true, List.of());
            }
            entries.add(entry(item));
        }
        return new NoProxyRules(false, entries);
    }

    private static Entry entry(String item) {
        int bits = -1;
        int slash = item.indexOf('/');
        if (slash > 0) {
            bits = Integer.parseInt(item.substring(slash + 1).replaceAll("[^0-9]", "0"));
            item = item.substring(0, slash);
        }
        int port = -1;
        if (item.startsWith("[")) {
            int close = item.indexOf(']');
            if (close > 0 && item.length() > close + 2 && item.charAt(close + 1) == ':') {
                port = Integer.parseInt(item.substring(close + 2));
            }
            item = item.substring(1, Math.max(1, close));
        } else if (item.indexOf(':') == item.lastIndexOf(':') && item.indexOf(':') > 0) {
            port = Integer.parseInt(item.substring(item.indexOf(':') + 1));
            item = item.substring(0, item.indexOf(':'));
        }
        if (item.startsWith("*.")) {
            item = item.substring(1);
        }
        return new Entry(item.startsWith(".") ? item.substring(1) : item, port, bits);
    }

    /** Whether a connection to {@code host}:{@code port} goes direct. */
    public boolean bypass(String host, int port) {
        if (all) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        h = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        for (Entry e : entries) {
            if (e.port() >= 0 && e.port() != port) {
                continue;
            }
            if (isIp(e.host()) ? ipMatches(e, h) : h.equals(e.host()) || h.endsWith("." + e.host())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIp(String s) {
        return IP_LITERAL.matcher(s).matches() && (s.contains(":") || s.chars().filter(c -> c == '.').count() == 3);
    }

    private static boolean ipMatches(Entry e, String host) {
        if (!isIp(host)) {
            return false;
        }
        try {
            byte[] a = InetAddress.getByName(e.host()).getAddress();
            byte[] b = InetAddress.getByName(host).getAddress();
            if (a.length != b.length) {
                return false;
            }
            int bits = e.prefixBits() < 0 ? a.length * 8 : Math.min(e.prefixBits(), a.length * 8);
            if (bits == 0) {
                return true;
            }
            int shift = a.length * 8 - bits;
            return new BigInteger(1, a).shiftRight(shift).equals(new BigInteger(1, b).shiftRight(shift));
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }
}
