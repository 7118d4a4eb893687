package dev.detour.httpd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one request head (RFC 9112: request line, header fields, empty line) strictly, with size and count limits.
 * Every deviation is an {@link HttpRefusal} with the status to answer; nothing is guessed or repaired, except that a
 * bare LF ends a line and empty lines before the request line are skipped, as the RFC allows.
 */
public final class HeadReader {
    private static final int MAX_LEADING_EMPTY_LINES = 8;
    private final Limits limits;
    private byte[] line = new byte[256];

    public HeadReader(Limits limits) {
        this.limits = limits;
    }

    /** The next request head, or null when the stream ended cleanly before any byte of one. */
    public RequestHead read(InputStream in) throws IOException {
        int length = 0;
        for (int empty = 0; length == 0; empty++) {
            if (empty > MAX_LEADING_EMPTY_LINES) {
                throw new HttpRefusal(400, "malformed request line");
            }
            length = readLine(in, limits.maxRequestLine(), 414, "request line too long", empty == 0);
            if (length < 0) {
                return null;
            }
        }
        String requestLine = new String(line, 0, length, StandardCharsets.ISO_8859_1);
        int firstSpace = requestLine.indexOf(' ');
        int lastSpace = requestLine.lastIndexOf(' ');
        if (firstSpace <= 0 || lastSpace == firstSpace || requestLine.indexOf(' ', firstSpace + 1) != lastSpace) {
            throw new HttpRefusal(400, "malformed request line");
        }
        String method = requestLine.substring(0, firstSpace);
        String target = requestLine.substring(firstSpace + 1, lastSpace);
        String version = requestLine.substring(lastSpace + 1);
        if (!isToken(method)) {
            throw new HttpRefusal(400, "malformed method");
        }
        try {
            return readRest(in, method, target, version);
        } catch (HttpRefusal refusal) {
            throw refusal.about(method, target);
        }
    }

    private RequestHead readRest(InputStream in, String method, String target, String version) throws IOException {
        int minor = version(version);
        String originForm = originForm(target);
        HeaderList headers = new HeaderList();
        int headBytes = 0;
        while (true) {
            int length = readLine(in, limits.maxHeaderLine(), 431, "header field too long", false);
            if (length < 0) {
                throw new HttpRefusal(400, "the request head ended early");
            }
            if (length == 0) {
                break;
            }
            headBytes += length + 2;
            if (headBytes > limits.maxHeadBytes()) {
                throw new HttpRefusal(431, "request head too large");
            }
            if (headers.size() == limits.maxHeaders()) {
                throw new HttpRefusal(431, "too many header fields");
            }
            addField(headers, length);
        }
        int query = originForm.indexOf('?');
        String path = query < 0 ? originForm : originForm.substring(0, query);
        return new RequestHead(method, originForm, path, query < 0 ? null : originForm.substring(query + 1), minor,
                headers, BodyFraming.of(headers, minor));
    }

    private void addField(HeaderList headers, int length) throws HttpRefusal {
        if (line[0] == ' ' || line[0] == '\t') {
            throw new HttpRefusal(400, "folded header field");
        }
        int colon = 0;
        while (colon < length && line[colon] != ':') {
            colon++;
        }
        if (colon == length || colon == 0) {
            throw new HttpRefusal(400, "header field without a name and colon");
        }
        String name = new String(line, 0, colon, StandardCharsets.ISO_8859_1);
        if (!isToken(name)) {
            throw new HttpRefusal(400, "malformed header field name");
        }
        int start = colon + 1;
        int end = length;
        while (start < end && (line[start] == ' ' || line[start] == '\t')) {
            start++;
        }
        while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
            end--;
        }
        headers.add(name, new String(line, start, end - start, StandardCharsets.ISO_8859_1));
    }

    private static int version(String version) throws HttpRefusal {
        if (version.length() != 8 || !version.startsWith("HTTP/") || version.charAt(6) != '.'
                || !Character.isDigit(version.charAt(5)) || !Character.isDigit(version.charAt(7))) {
            throw new HttpRefusal(400, "malformed HTTP version");
        }
        if (version.charAt(5) != '1' || version.charAt(7) > '1') {
            throw new HttpRefusal(505, "HTTP version not supported (HTTP/1.1 and HTTP/1.0 are)");
        }
        return version.charAt(7) - '0';
    }

    /** The target in origin form ({@code /path?query}); an absolute-form target loses its scheme and authority. */
    private static String originForm(String target) throws HttpRefusal {
        String form = target;
        String lower = target.length() > 8 ? target.substring(0, 8).toLowerCase() : target.toLowerCase();
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            int slash = target.indexOf('/', lower.startsWith("http://") ? 7 : 8);
            form = slash < 0 ? "/" : target.substring(slash);
        }
        if (form.isEmpty() || form.charAt(0) != '/') {
            throw new HttpRefusal(400, "malformed request target");
        }
        for (int i = 0; i < form.length(); i++) {
            char c = form.charAt(i);
            if (c <= ' ' || c >= 0x7F || c == '#') {
                throw new HttpRefusal(400, "malformed request target");
            }
        }
        return form;
    }

    /**
     * Reads one line into {@link #line} without its CRLF (or LF); returns its length, or -1 at the end of the stream
     * (allowed only before the first byte when {@code endAllowed}). Control characters other than tab are refused.
     */
    private int readLine(InputStream in, int max, int tooLongStatus, String tooLong, boolean endAllowed) throws IOException {
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (length == 0 && endAllowed) {
                    return -1;
                }
                throw new HttpRefusal(400, "the request head ended early");
            }
            if (b == '\n') {
                return length;
            }
            if (b == '\r') {
                if (in.read() != '\n') {
                    throw new HttpRefusal(400, "bare CR in the request head");
                }
                return length;
            }
            if (b < ' ' && b != '\t' || b == 0x7F) {
                throw new HttpRefusal(400, "control character in the request head");
            }
            if (length == max) {
                throw new HttpRefusal(tooLongStatus, tooLong);
            }
            if (length == line.length) {
                line = java.util.Arrays.copyOf(line, Math.min(max, line.length * 2));
            }
            line[length++] = (byte) b;
        }
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
