package dev.detour.dialect;

import okhttp3.ResponseBody;
import okio.BufferedSource;

import java.io.IOException;

/** Reads an upstream's whole reply, refusing one too large to hold: the request then fails over with the reason. */
final class BoundedBody {
    /** Far above any real reply (a Messages answer of the longest output is a few MiB at most). */
    static final int MAX_REPLY = 16 * 1024 * 1024;
    /** The longest line of an event stream the bridge holds; a real event is a few KiB. */
    static final long MAX_EVENT_LINE = 4 * 1024 * 1024;

    private BoundedBody() {
    }

    static byte[] read(ResponseBody body) throws IOException {
        if (body.contentLength() > MAX_REPLY) {
            throw tooLarge();
        }
        BufferedSource source = body.source();
        if (source.request(MAX_REPLY + 1L)) {
            throw tooLarge();
        }
        return source.readByteArray();
    }

    private static IOException tooLarge() {
        return new IOException("reply larger than " + MAX_REPLY / (1024 * 1024) + " MiB");
    }
}
