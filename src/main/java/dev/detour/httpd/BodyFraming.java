package dev.detour.httpd;

/**
 * How a request's body is delimited: not at all (no body), by a {@code Content-Length}, or by chunked transfer coding.
 *
 * @param length the declared length; -1 when chunked
 */
public record BodyFraming(boolean chunked, long length) {
    static final BodyFraming NONE = new BodyFraming(false, 0);
    private static final int MAX_LENGTH_DIGITS = 15;

    /**
     * The framing the head declares. Refused: a {@code Content-Length} that is not a decimal number or that appears
     * with different values, one together with {@code Transfer-Encoding} (a smuggling vector), and any transfer coding
     * other than a lone {@code chunked} (501: the server implements no other).
     */
    static BodyFraming of(HeaderList headers, int minorVersion) throws HttpRefusal {
        long length = -1;
        for (String value : headers.all("Content-Length")) {
            for (String part : value.split(",", -1)) {
                long parsed = parseLength(part.trim());
                if (length >= 0 && parsed != length) {
                    throw new HttpRefusal(400, "conflicting Content-Length values");
                }
                length = parsed;
            }
        }
        if (!headers.contains("Transfer-Encoding")) {
            return length < 0 ? NONE : new BodyFraming(false, length);
        }
        if (length >= 0) {
            throw new HttpRefusal(400, "both Content-Length and Transfer-Encoding");
        }
        if (minorVersion == 0) {
            throw new HttpRefusal(400, "Transfer-Encoding in an HTTP/1.0 request");
        }
        int codings = 0;
        boolean chunkedLast = false;
        for (String value : headers.all("Transfer-Encoding")) {
            for (String part : value.split(",", -1)) {
                String coding = part.trim();
                if (coding.isEmpty()) {
                    continue;
                }
                codings++;
                chunkedLast = coding.equalsIgnoreCase("chunked");
            }
        }
        if (codings != 1 || !chunkedLast) {
            throw new HttpRefusal(501, "unsupported Transfer-Encoding (only chunked is accepted)");
        }
        return new BodyFraming(true, -1);
    }

    private static long parseLength(String text) throws HttpRefusal {
        if (text.isEmpty() || text.length() > MAX_LENGTH_DIGITS) {
            throw new HttpRefusal(400, "invalid Content-Length");
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new HttpRefusal(400, "invalid Content-Length");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
