package dev.detour.wire;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event in the Anthropic Messages stream.
 *
 * @param name the {@code event:} field (e.g. {@code message_start}); null when the upstream sent none
 * @param data the {@code data:} field, lines joined with {@code \n}
 */
public record SseEvent(String name, String data) {
    /** The event in wire form, ending with the blank line that terminates it. */
    public byte[] bytes() {
        StringBuilder wire = new StringBuilder(data.length() + 32);
        if (name != null) {
            wire.append("event: ").append(name).append('\n');
        }
        for (String line : data.split("\n", -1)) {
            wire.append("data: ").append(line).append('\n');
        }
        return wire.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The event's type: its name, or the {@code "type"} in its data when it has no name. */
    public String type() {
        if (name != null) {
            return name;
        }
        int at = data.indexOf("\"type\"");
        if (at < 0) {
            return "";
        }
        int open = data.indexOf('"', data.indexOf(':', at) + 1);
        int close = open < 0 ? -1 : data.indexOf('"', open + 1);
        return close < 0 ? "" : data.substring(open + 1, close);
    }
}
