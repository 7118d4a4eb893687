package dev.detour.httpd;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A response body as the head declared it: exactly its length, chunks, or nothing at all (HEAD, 204, 304). */
final class ResponseBody extends OutputStream {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private final OutputStream out;
    private final boolean discard;
    private final boolean chunked;
    private long remaining;
    private boolean ended;
    private boolean complete;

    /** @param length the declared length, or -1 for a body delimited by chunks or by closing the connection */
    ResponseBody(OutputStream out, long length, boolean discard, boolean chunked) {
        this.out = out;
        this.remaining = length;
        this.discard = discard;
        this.chunked = chunked;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (ended) {
            throw new IOException("the response body was already ended");
        }
        if (discard || length == 0) {
            return;
        }
        if (chunked) {
            out.write(Integer.toHexString(length).getBytes(StandardCharsets.ISO_8859_1));
            out.write(CRLF);
            out.write(bytes, offset, length);
            out.write(CRLF);
            return;
        }
        if (remaining >= 0) {
            if (length > remaining) {
                throw new IOException("the response body is longer than its Content-Length");
            }
            remaining -= length;
        }
        out.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Ends the body; false when a declared length was not reached (the connection must close). */
    boolean end() throws IOException {
        if (ended) {
            return complete;
        }
        ended = true;
        if (chunked) {
            out.write(LAST_CHUNK);
        }
        complete = discard || remaining <= 0;
        return complete;
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
