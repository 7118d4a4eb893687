package dev.detour.httpd;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body, read from the connection as the handler asks for it: exactly {@code Content-Length} bytes, or
 * chunks until the last one (a malformed chunk is an {@link HttpRefusal}). Before the first read of a client that
 * expects it, {@code 100 Continue} is sent.
 */
final class BodyInput extends InputStream {
    private static final int MAX_CHUNK_LINE = 1024;
    private static final int MAX_TRAILER_BYTES = 16 * 1024;
    private final InputStream in;
    private final boolean chunked;
    private Runnable beforeFirstRead;
    private long remaining;
    private boolean ended;

    /** @param beforeFirstRead run once before the body is first read (sends {@code 100 Continue}), or null */
    BodyInput(InputStream in, BodyFraming framing, Runnable beforeFirstRead) {
        this.in = in;
        this.chunked = framing.chunked();
        this.remaining = chunked ? 0 : framing.length();
        this.ended = !chunked && remaining == 0;
        this.beforeFirstRead = beforeFirstRead;
    }

    /** Whether the client still waits for {@code 100 Continue}: it sends the body only once it gets one. */
    boolean awaitingContinue() {
        return beforeFirstRead != null && !ended;
    }

    /** Whether the whole body was read. */
    boolean ended() {
        return ended;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (ended) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        if (beforeFirstRead != null) {
            Runnable first = beforeFirstRead;
            beforeFirstRead = null;
            first.run();
        }
        if (remaining == 0 && !nextChunk()) {
            return -1;
        }
        int n = in.read(into, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw new IOException("the request body ended early");
        }
        remaining -= n;
        if (remaining == 0 && !chunked) {
            ended = true;
        } else if (remaining == 0) {
            expectLineEnd();
        }
        return n;
    }

    /** Reads and drops the rest of the body, at most {@code max} bytes; whether it ended. */
    boolean skipRest(long max) throws IOException {
        byte[] sink = new byte[8192];
        long dropped = 0;
        while (!ended && dropped <= max) {
            int n = read(sink, 0, sink.length);
            if (n < 0) {
                break;
            }
            dropped += n;
        }
        return ended;
    }

    /** Starts the next chunk; false after the last one (its trailer fields are read and dropped). */
    private boolean nextChunk() throws IOException {
        String line = line(MAX_CHUNK_LINE, "chunk size line too long");
        int extension = line.indexOf(';');
        String hex = (extension < 0 ? line : line.substring(0, extension)).trim();
        if (hex.isEmpty() || hex.length() > 8) {
            throw new HttpRefusal(400, "malformed chunk size");
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                throw new HttpRefusal(400, "malformed chunk size");
            }
            size = size * 16 + digit;
        }
        if (size > 0) {
            remaining = size;
            return true;
        }
        int trailer = 0;
        while (!line(MAX_TRAILER_BYTES, "trailer too large").isEmpty()) {
            trailer++;
            if (trailer > 64) {
                throw new HttpRefusal(431, "too many trailer fields");
            }
        }
        ended = true;
        return false;
    }

    private void expectLineEnd() throws IOException {
        if (!line(0, "missing CRLF after a chunk").isEmpty()) {
            throw new HttpRefusal(400, "missing CRLF after a chunk");
        }
    }

    private String line(int max, String tooLong) throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the request body ended early");
            }
            if (b == '\n') {
                return text.toString();
            }
            if (b == '\r') {
                if (in.read() != '\n') {
                    throw new HttpRefusal(400, "bare CR in the chunked body");
                }
                return text.toString();
            }
            if (text.length() >= max) {
                throw new HttpRefusal(400, tooLong);
            }
            text.append((char) b);
        }
    }
}
