package dev.detour.bridge;

import dev.detour.dialect.AgentChannel;
import dev.detour.httpd.Exchange;
import dev.detour.httpd.HeaderList;
import dev.detour.wire.SseEvent;
import okhttp3.Headers;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An {@link AgentChannel} over an HTTP {@link Exchange}: fixed-length bodies, chunked event streams flushed when the
 * forwarder says (once per batch of events that arrived together).
 * A whole body is flushed when the reply is completed, after the request's record is kept: whoever got the answer
 * finds the request in the stats.
 */
final class ExchangeChannel implements AgentChannel {
    private final Exchange exchange;
    private OutputStream body;

    ExchangeChannel(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void sendWhole(int status, Headers headers, byte[] bytes) throws AgentGone {
        try {
            copy(headers);
            exchange.sendFixed(status, bytes.length);
            exchange.responseBody().write(bytes);
        } catch (IOException e) {
            throw new AgentGone(e);
        }
    }

    @Override
    public void startEvents(int status, Headers headers) throws AgentGone {
        try {
            copy(headers);
            if (!exchange.responseHeaders().contains("Content-Type")) {
                exchange.responseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            }
            exchange.sendStream(status);
            body = exchange.responseBody();
        } catch (IOException e) {
            throw new AgentGone(e);
        }
    }

    @Override
    public void frame(byte[] bytes) throws AgentGone {
        try {
            body.write(bytes);
        } catch (IOException e) {
            throw new AgentGone(e);
        }
    }

    @Override
    public void event(SseEvent event) throws AgentGone {
        try {
            body.write(event.bytes());
        } catch (IOException e) {
            throw new AgentGone(e);
        }
    }

    @Override
    public void flush() throws AgentGone {
        try {
            body.flush();
        } catch (IOException e) {
            throw new AgentGone(e);
        }
    }

    @Override
    public void complete() throws AgentGone {
        try {
            exchange.complete();
        } catch (IOException e) {
            throw new AgentGone(e);
        }
    }

    private void copy(Headers headers) {
        HeaderList response = exchange.responseHeaders();
        for (int i = 0; i < headers.size(); i++) {
            response.add(headers.name(i), headers.value(i));
        }
    }
}
