package dev.detour.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one incremental decoder of a server-sent event stream: splits it into {@link SseEvent}s as bytes arrive, in
 * any chunking. Lines are decoded only once complete, so a UTF-8 character split across two network reads is never
 * mangled. Line ends may be LF, CRLF or CR; comments are skipped.
 */
public final class SseDecoder {
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean skipLf;
    private String event;
    private StringBuilder data;

    /** The bytes of the line not yet ended: a reader bounds what it lets the decoder hold. */
    public int pendingLine() {
        return lineLength;
    }

    /** Feeds the next bytes; returns the events they complete, in order. */
    public List<SseEvent> feed(byte[] bytes, int offset, int length) {
        List<SseEvent> events = new ArrayList<>(2);
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n' && skipLf) {
                skipLf = false;
                continue;
            }
            skipLf = false;
            if (b == '\n' || b == '\r') {
                skipLf = b == '\r';
                endLine(events);
            } else {
                if (lineLength == line.length) {
                    line = Arrays.copyOf(line, line.length * 2);
                }
                line[lineLength++] = b;
            }
        }
        return events;
    }

    /**
     * The end of the stream, for a reader that accepts an unterminated last event (some servers omit the final blank
     * line). A reader that must not pass on half an event simply does not call it.
     */
    public List<SseEvent> finish() {
        List<SseEvent> events = new ArrayList<>(1);
        if (lineLength > 0) {
            endLine(events);
        }
        dispatch(events);
        return events;
    }

    private void endLine(List<SseEvent> events) {
        if (lineLength == 0) {
            dispatch(events);
            return;
        }
        String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
        lineLength = 0;
        if (text.startsWith(":")) {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if ("data".equals(field)) {
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                data.append('\n').append(value);
            }
        } else if ("event".equals(field)) {
            event = value;
        }
    }

    private void dispatch(List<SseEvent> events) {
        if (data != null) {
            events.add(new SseEvent(event, data.toString()));
        }
        data = null;
        event = null;
    }
}
