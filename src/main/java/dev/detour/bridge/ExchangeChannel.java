package dev.detour.bridge;

import com.sun.net.httpserver.HttpExchange;
import dev.detour.dialect.AgentChannel;
import dev.detour.wire.SseEvent;
import okhttp3.Headers;

import java.io.IOException;
import java.io.OutputStream;

/** An {@link AgentChannel} over a JDK {@link HttpExchange}: fixed-length bodies, chunked event streams flushed per event. */
final class ExchangeChannel implements AgentChannel {
    private final HttpExchange exchange;
    private OutputStream body;

    ExchangeChannel(HttpExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void sendWhole(int status, Headers headers, byte[] bytes) throws AgentGone {
        try {
            copy(headers);
            boolean noBody = bytes.length == 0 || exchange.getRequestMethod().equals("HEAD") || status == 204 || status == 304;
            exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
            if (!noBody) {
                OutputStream out = exchange.getResponseBody();
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            throw new AgentGone(e);
        }
    }

    @Override
    public void startEvents(int status, Headers headers) throws AgentGone {
        try {
            copy(headers);
            if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            }
            exchange.sendResponseHeaders(status, 0);
            body = exchange.getResponseBody();
        } catch (IOException e) {
            throw new AgentGone(e);
        }
    }

    @Override
    public void frame(byte[] bytes) throws AgentGone {
        try {
            body.write(bytes);
            body.flush();
        } catch (IOException e) {
            throw new AgentGone(e);
        }
    }

    @Override
    public void event(SseEvent event) throws AgentGone {
        try {
            body.write(event.bytes());
            body.flush();
        } catch (IOException e) {
            throw new AgentGone(e);
        }
    }

    private void copy(Headers headers) {
        for (int i = 0; i < headers.size(); i++) {
            exchange.getResponseHeaders().add(headers.name(i), headers.value(i));
        }
    }
}
