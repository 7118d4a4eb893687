package dev.detour.httpd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request head parser from bytes: what it reads, and every refusal with its status. */
class HeadReaderTest {
    private static final Limits LIMITS = new Limits(200, 100, 400, 5, 1000, 1000, 4);

    private static RequestHead read(String text) throws IOException {
        return new HeadReader(LIMITS).read(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static HttpRefusal refusal(String text) {
        return assertThrows(HttpRefusal.class, () -> read(text));
    }

    @Test
    void readsLineHeadersAndFraming() throws IOException {
        RequestHead head = read("POST /t/x/v1/messages?beta=true HTTP/1.1\r\nHost: a\r\nContent-Length:  12 \r\n"
                + "X-Many: 1\r\nx-many: 2\r\n\r\nbody");
        assertEquals("POST", head.method());
        assertEquals("/t/x/v1/messages", head.path());
        assertEquals("beta=true", head.query());
        assertEquals(1, head.minorVersion());
        assertEquals("12", head.headers().first("content-length"));
        assertEquals(java.util.List.of("1", "2"), head.headers().all("X-MANY"));
        assertEquals(new BodyFraming(false, 12), head.framing());
        assertTrue(head.keepAlive());
    }

    @Test
    void endsCleanlyBeforeAnyByteAndSkipsLeadingEmptyLinesAndAcceptsBareLf() throws IOException {
        assertNull(read(""));
        RequestHead head = read("\r\n\nGET / HTTP/1.0\nConnection: keep-alive\n\n");
        assertEquals("/", head.path());
        assertNull(head.query());
        assertTrue(head.keepAlive());
        assertFalse(read("GET / HTTP/1.0\r\n\r\n").keepAlive());
        assertFalse(read("GET / HTTP/1.1\r\nConnection: Keep-Alive, CLOSE\r\n\r\n").keepAlive());
    }

    @Test
    void reducesAnAbsoluteFormTargetToItsPath() throws IOException {
        assertEquals("/v1/models?a=b", read("GET http://127.0.0.1:9/v1/models?a=b HTTP/1.1\r\n\r\n").target());
        assertEquals("/", read("GET https://host HTTP/1.1\r\n\r\n").path());
    }

    @Test
    void expectContinueOnlyFromHttp11() throws IOException {
        assertTrue(read("POST / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\n").expectsContinue());
        assertFalse(read("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n").expectsContinue());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("garbage request line", "GARBAGE\r\n\r\n", 400),
                Arguments.of("method only", "GET\r\n\r\n", 400),
                Arguments.of("two spaces", "GET  / HTTP/1.1\r\n\r\n", 400),
                Arguments.of("four parts", "GET / x HTTP/1.1\r\n\r\n", 400),
                Arguments.of("method not a token", "G(T / HTTP/1.1\r\n\r\n", 400),
                Arguments.of("version malformed", "GET / HTTX/1.1\r\n\r\n", 400),
                Arguments.of("version 9.9", "GET / HTTP/9.9\r\n\r\n", 505),
                Arguments.of("version 1.2", "GET / HTTP/1.2\r\n\r\n", 505),
                Arguments.of("version 2.0", "GET / HTTP/2.0\r\n\r\n", 505),
                Arguments.of("target not a path", "GET v1/models HTTP/1.1\r\n\r\n", 400),
                Arguments.of("target asterisk", "OPTIONS * HTTP/1.1\r\n\r\n", 400),
                Arguments.of("target with a fragment", "GET /a#b HTTP/1.1\r\n\r\n", 400),
                Arguments.of("target not ASCII", "GET /\u00e9 HTTP/1.1\r\n\r\n", 400),
                Arguments.of("NUL in the request line", "GET /a\u0000b HTTP/1.1\r\n\r\n", 400),
                Arguments.of("bare CR", "GET / HTTP/1.1\rX: y\r\n\r\n", 400),
                Arguments.of("too many empty lines", "\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\n\r\n", 400),
                Arguments.of("head ends early", "GET / HTTP/1.1\r\nHost: a\r\n", 400),
                Arguments.of("request line ends early", "GET / HT", 400),
                Arguments.of("header without a colon", "GET / HTTP/1.1\r\nNoColon\r\n\r\n", 400),
                Arguments.of("header with an empty name", "GET / HTTP/1.1\r\n: v\r\n\r\n", 400),
                Arguments.of("space before the colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),
                Arguments.of("folded header", "GET / HTTP/1.1\r\nX: a\r\n  b\r\n\r\n", 400),
                Arguments.of("control character in a value", "GET / HTTP/1.1\r\nX: a\u0001b\r\n\r\n", 400),
                Arguments.of("DEL in a value", "GET / HTTP/1.1\r\nX: a\u007fb\r\n\r\n", 400),
                Arguments.of("too many headers", "GET / HTTP/1.1\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\nE: 1\r\nF: 1\r\n\r\n", 431),
                Arguments.of("Content-Length negative", "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400),
                Arguments.of("Content-Length not a number", "POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n", 400),
                Arguments.of("Content-Length empty", "POST / HTTP/1.1\r\nContent-Length:\r\n\r\n", 400),
                Arguments.of("Content-Length absurd", "POST / HTTP/1.1\r\nContent-Length: 9999999999999999\r\n\r\n", 400),
                Arguments.of("two different Content-Lengths", "POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400),
                Arguments.of("Content-Length list that differs", "POST / HTTP/1.1\r\nContent-Length: 5, 6\r\n\r\n", 400),
                Arguments.of("Content-Length and chunked", "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
                Arguments.of("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
                Arguments.of("Transfer-Encoding gzip, chunked", "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
                Arguments.of("Transfer-Encoding gzip", "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
                Arguments.of("Transfer-Encoding chunked twice", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 501),
                Arguments.of("Transfer-Encoding identity", "POST / HTTP/1.1\r\nTransfer-Encoding: identity\r\n\r\n", 501));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refuses(String name, String head, int status) {
        assertEquals(status, refusal(head).status(), name);
    }

    @Test
    void refusesLinesAndHeadsOverTheirLimits() {
        assertEquals(414, refusal("GET /" + "a".repeat(200) + " HTTP/1.1\r\n\r\n").status());
        assertEquals(431, refusal("GET / HTTP/1.1\r\nX: " + "b".repeat(100) + "\r\n\r\n").status());
        String fourLines = ("X: " + "c".repeat(90) + "\r\n").repeat(5);
        assertEquals(431, refusal("GET / HTTP/1.1\r\n" + fourLines + "\r\n").status());
    }

    @Test
    void aRefusalAfterTheRequestLineNamesItsTarget() {
        HttpRefusal refusal = refusal("POST /t/x/v1/responses?a=1 HTTP/1.1\r\nNoColon\r\n\r\n");
        assertEquals("POST", refusal.method());
        assertEquals("/t/x/v1/responses?a=1", refusal.target());
        assertNull(refusal("GARBAGE\r\n\r\n").target());
    }

    @Test
    void acceptsARepeatedEqualContentLengthAndALoneChunked() throws IOException {
        assertEquals(5, read("POST / HTTP/1.1\r\nContent-Length: 5\r\ncontent-length: 5, 5\r\n\r\n").framing().length());
        assertTrue(read("POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n").framing().chunked());
        assertEquals(BodyFraming.NONE, read("GET / HTTP/1.1\r\n\r\n").framing());
    }
}
