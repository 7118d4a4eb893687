package dev.detour.dialect;

import dev.detour.wire.SseEvent;
import okhttp3.Headers;

import java.util.ArrayList;
import java.util.List;

/** An agent channel that keeps every call, in order, for tests of the channels that wrap one. */
final class RecordingChannel implements AgentChannel {
    final List<String> calls = new ArrayList<>();
    final List<SseEvent> events = new ArrayList<>();
    final List<byte[]> frames = new ArrayList<>();
    int status;
    Headers headers;
    byte[] body;

    @Override
    public void sendWhole(int status, Headers headers, byte[] body) {
        calls.add("sendWhole " + status);
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    @Override
    public void startEvents(int status, Headers headers) {
        calls.add("startEvents " + status);
        this.status = status;
        this.headers = headers;
    }

    @Override
    public void event(SseEvent event) {
        calls.add("event " + event.type());
        events.add(event);
    }

    @Override
    public void frame(byte[] bytes) {
        calls.add("frame");
        frames.add(bytes);
    }

    @Override
    public void flush() {
        calls.add("flush");
    }

    @Override
    public void complete() {
        calls.add("complete");
    }
}
