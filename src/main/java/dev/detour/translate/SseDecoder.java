package dev.detour.translate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a server-sent event stream into events as bytes arrive, in any chunking. Lines are decoded only once complete,
 * so a UTF-8 character split across two network reads is never mangled. Line ends may be LF, CRLF or CR.
 */
public final class SseDecoder {
    /** One dispatched event: its {@code event:} name (null when none) and its {@code data:} lines joined by LF. */
    public record Frame(String event, String data) {
    }

    private byte[] line = new byte[256];
    private int lineLength;
    private boolean skipLf;
    private String event;
    private StringBuilder data;

    /** Feeds the next bytes; returns the events they complete, in order. */
    public List<Frame> feed(byte[] bytes, int offset, int length) {
        List<Frame> frames = new ArrayList<>(2);
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n' && skipLf) {
                skipLf = false;
                continue;
            }
            skipLf = false;
            if (b == '\n' || b == '\r') {
                skipLf = b == '\r';
                endLine(frames);
            } else {
                if (lineLength == line.length) {
                    line = Arrays.copyOf(line, line.length * 2);
                }
                line[lineLength++] = b;
            }
        }
        return frames;
    }

    /** The end of the stream: an unterminated last line or event still counts (some servers omit the final blank line). */
    public List<Frame> finish() {
        List<Frame> frames = new ArrayList<>(1);
        if (lineLength > 0) {
            endLine(frames);
        }
        dispatch(frames);
        return frames;
    }

    private void endLine(List<Frame> frames) {
        if (lineLength == 0) {
            dispatch(frames);
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

    private void dispatch(List<Frame> frames) {
        if (data != null) {
            frames.add(new Frame(event, data.toString()));
        }
        data = null;
        event = null;
    }
}
