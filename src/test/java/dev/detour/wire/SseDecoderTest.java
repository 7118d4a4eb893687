package dev.detour.wire;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SseDecoderTest {
    private static List<SseEvent> decode(String text, int piece) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        SseDecoder d = new SseDecoder();
        List<SseEvent> frames = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += piece) {
            frames.addAll(d.feed(bytes, at, Math.min(piece, bytes.length - at)));
        }
        frames.addAll(d.finish());
        return frames;
    }

    @Test
    void allLineEndingsCommentsAndMultiLineData() {
        String text = ": keep-alive\r\nevent: x\r\ndata: a\r\ndata:b\r\n\r\ndata: c\rdata: d\r\rdata: ü\n\n";
        for (int piece : new int[]{1, 2, 5, 1000}) {
            assertEquals(List.of(new SseEvent("x", "a\nb"), new SseEvent(null, "c\nd"),
                    new SseEvent(null, "ü")), decode(text, piece), "pieces of " + piece);
        }
    }

    @Test
    void anUnterminatedLastEventStillCounts() {
        assertEquals(List.of(new SseEvent(null, "[DONE]")), decode("data: [DONE]", 3));
        assertEquals(List.of(), decode(": only a comment\n", 4));
    }
}
