package dev.detour.httpd;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request bodies from bytes: exact lengths, chunks with extensions and trailers, and every malformed chunk refused. */
class BodyInputTest {
    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static BodyInput chunked(String text) {
        return new BodyInput(bytes(text), new BodyFraming(true, -1), null);
    }

    @Test
    void readsExactlyTheDeclaredLengthAndLeavesTheNextRequest() throws IOException {
        InputStream connection = bytes("helloGET / HTTP/1.1");
        BodyInput body = new BodyInput(connection, new BodyFraming(false, 5), null);
        assertArrayEquals("hello".getBytes(StandardCharsets.ISO_8859_1), body.readAllBytes());
        assertTrue(body.ended());
        assertEquals('G', connection.read());
    }

    @Test
    void readsChunksWithExtensionsAndDropsTrailers() throws IOException {
        InputStream connection = bytes("5;name=v\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\nNEXT");
        BodyInput body = new BodyInput(connection, new BodyFraming(true, -1), null);
        assertEquals("hello world", new String(body.readAllBytes(), StandardCharsets.ISO_8859_1));
        assertTrue(body.ended());
        assertEquals('N', connection.read());
    }

    @Test
    void aBodyEndingEarlyIsAnErrorNotARefusal() {
        IOException e = assertThrows(IOException.class,
                () -> new BodyInput(bytes("abc"), new BodyFraming(false, 10), null).readAllBytes());
        assertFalse(e instanceof HttpRefusal);
        assertThrows(IOException.class, () -> chunked("5\r\nab").readAllBytes());
    }

    @Test
    void refusesMalformedChunks() {
        for (String bad : new String[]{"ZZ\r\nabc\r\n0\r\n\r\n", "\r\nabc\r\n0\r\n\r\n", "-1\r\n\r\n", "123456789\r\n",
                "3\r\nabcX\r\n0\r\n\r\n", "3\r\nabc\rX0\r\n\r\n", "3 4\r\nabc\r\n0\r\n\r\n", ("1;" + "e".repeat(2000) + "\r\n")}) {
            HttpRefusal refusal = assertThrows(HttpRefusal.class, () -> chunked(bad).readAllBytes(), bad);
            assertEquals(400, refusal.status(), bad);
        }
        assertEquals(431, assertThrows(HttpRefusal.class,
                () -> chunked("0\r\n" + "T: x\r\n".repeat(70) + "\r\n").readAllBytes()).status());
    }

    @Test
    void sendsContinueOnceBeforeTheFirstReadOnly() throws IOException {
        AtomicInteger continues = new AtomicInteger();
        BodyInput body = new BodyInput(bytes("abcd"), new BodyFraming(false, 4), continues::incrementAndGet);
        assertEquals(0, continues.get());
        body.read(new byte[2], 0, 2);
        body.read(new byte[2], 0, 2);
        assertEquals(1, continues.get());
        BodyInput empty = new BodyInput(bytes(""), BodyFraming.NONE, continues::incrementAndGet);
        assertEquals(-1, empty.read());
        assertEquals(1, continues.get());
    }

    @Test
    void skipsTheRestUpToALimit() throws IOException {
        assertTrue(new BodyInput(bytes("x".repeat(100)), new BodyFraming(false, 100), null).skipRest(1000));
        assertFalse(new BodyInput(bytes("x".repeat(100_000)), new BodyFraming(false, 100_000), null).skipRest(10_000));
    }
}
