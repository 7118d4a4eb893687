package dev.detour.tui.view;

import java.util.List;

/** A row of block characters, one per value, scaled to the row's own maximum (or to 0..1 for shares). */
final class Sparkline {
    private static final String BLOCKS = "▁▂▃▄▅▆▇█";

    private Sparkline() {
    }

    /**
     * @param values one per bucket, oldest first; null where there was nothing to measure (drawn blank)
     * @param max    the value drawn as a full block, or 0 to use the largest value
     * @param width  characters wanted: each one stands for {@code values.size() / width} buckets (their largest)
     */
    static String of(List<? extends Number> values, double max, int width) {
        int per = Math.max(1, (int) Math.ceil(values.size() / (double) width));
        double top = max;
        if (top <= 0) {
            for (Number v : values) {
                top = v == null ? top : Math.max(top, v.doubleValue());
            }
        }
        StringBuilder out = new StringBuilder(width);
        for (int start = values.size() - per * width; start < values.size(); start += per) {
            Double bucket = null;
            for (int i = Math.max(0, start); i < start + per && i < values.size(); i++) {
                Number v = values.get(i);
                if (v != null && i >= 0) {
                    bucket = bucket == null ? v.doubleValue() : Math.max(bucket, v.doubleValue());
                }
            }
            if (bucket == null || start + per <= 0) {
                out.append(' ');
            } else if (top <= 0 || bucket <= 0) {
                out.append(BLOCKS.charAt(0));
            } else {
                out.append(BLOCKS.charAt((int) Math.min(BLOCKS.length() - 1, Math.round(bucket / top * (BLOCKS.length() - 1)))));
            }
        }
        return out.toString();
    }
}
