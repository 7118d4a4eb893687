package dev.detour.bridge;

import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * An upstream's response body whose reads {@link UpstreamDeadlines} watches: a read that waited past the limit is
 * cancelled and fails as a {@link SocketTimeoutException}, as a socket's own read timeout would. Closing it ends the
 * watch.
 */
final class WatchedBody extends ResponseBody {
    private final ResponseBody body;
    private final BufferedSource source;

    WatchedBody(ResponseBody body, UpstreamDeadlines.Watched watched) {
        this.body = body;
        this.source = Okio.buffer(new ForwardingSource(body.source()) {
            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
                watched.readStarts();
                try {
                    return super.read(sink, byteCount);
                } catch (IOException e) {
                    if (watched.readExpired()) {
                        throw new SocketTimeoutException("the upstream sent nothing within the read limit");
                    }
                    throw e;
                } finally {
                    watched.readEnds();
                }
            }

            @Override
            public void close() throws IOException {
                watched.done();
                super.close();
            }
        });
    }

    @Override
    public MediaType contentType() {
        return body.contentType();
    }

    @Override
    public long contentLength() {
        return body.contentLength();
    }

    @Override
    public BufferedSource source() {
        return source;
    }
}
