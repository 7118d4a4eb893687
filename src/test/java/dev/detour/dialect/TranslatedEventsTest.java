package dev.detour.dialect;

import dev.detour.translate.IncrementalStream;
import dev.detour.wire.SseEvent;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranslatedEventsTest {
    /** Gives one event per upstream event it was fed whole, named after its data line; records each feed. */
    static final class EchoTranslator implements IncrementalStream {
        final List<String> feeds = new ArrayList<>();
        boolean ended;

        @Override
        public List<SseEvent> feed(byte[] bytes, int offset, int length) {
            String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
            feeds.add(text);
            List<SseEvent> out = new ArrayList<>();
            for (String line : text.split("\r?\n")) {
                if (line.startsWith("data: ")) {
                    out.add(new SseEvent("content_block_delta", "{\"n\":\"" + line.substring(6) + "\"}"));
                }
            }
            return out;
        }

        @Override
        public List<SseEvent> end() {
            ended = true;
            return List.of(new SseEvent("message_stop", "{\"type\":\"message_stop\"}"));
        }

        @Override
        public boolean terminated() {
            return ended;
        }
    }

    private static TranslatedEvents events(String body, EchoTranslator translator) {
        Response response = new Response.Builder().request(new Request.Builder().url("http://127.0.0.1/").build())
                .protocol(Protocol.HTTP_1_1).code(200).message("OK")
                .body(ResponseBody.create(body, MediaType.get("text/event-stream"))).build();
        return new TranslatedEvents(response.body().source(), response, translator);
    }

    @Test
    void whatOneReadBroughtIsTranslatedOneUpstreamEventAtATime() throws Exception {
        EchoTranslator translator = new EchoTranslator();
        TranslatedEvents events = events("data: a\n\ndata: b\r\n\r\ndata: c\n\n", translator);

        assertEquals("{\"n\":\"a\"}", events.next().data());
        assertEquals(List.of("data: a\n\n"), translator.feeds, "only the first event was translated before it went on");
        assertTrue(events.ready(), "the rest arrived already");
        assertEquals("{\"n\":\"b\"}", events.next().data());
        assertEquals("data: b\r\n\r\n", translator.feeds.get(1));
        assertEquals("{\"n\":\"c\"}", events.next().data());
        assertFalse(events.ready(), "nothing left that arrived");
        assertEquals("message_stop", events.next().type());
        assertNull(events.next());
        assertEquals(3, translator.feeds.size());
    }

    @Test
    void eventEndIsJustPastTheBlankLineOrTheEndOfWhatArrived() {
        byte[] lf = "data: a\n\ndata: b".getBytes(StandardCharsets.UTF_8);
        assertEquals(9, TranslatedEvents.eventEnd(lf, 0, lf.length));
        assertEquals(lf.length, TranslatedEvents.eventEnd(lf, 9, lf.length), "an event still arriving is fed as far as it came");
        byte[] crlf = "data: a\r\n\r\nx".getBytes(StandardCharsets.UTF_8);
        assertEquals(11, TranslatedEvents.eventEnd(crlf, 0, crlf.length));
        byte[] mixed = "data: a\n\r\nx".getBytes(StandardCharsets.UTF_8);
        assertEquals(10, TranslatedEvents.eventEnd(mixed, 0, mixed.length));
        byte[] cutAfterCr = "data: a\n\r".getBytes(StandardCharsets.UTF_8);
        assertEquals(cutAfterCr.length, TranslatedEvents.eventEnd(cutAfterCr, 0, cutAfterCr.length));
        assertEquals(3, TranslatedEvents.eventEnd("ab\n\n".getBytes(StandardCharsets.UTF_8), 0, 3), "the limit bounds the search");
    }
}
