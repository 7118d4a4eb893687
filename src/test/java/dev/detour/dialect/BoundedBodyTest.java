package dev.detour.dialect;

import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BoundedBodyTest {
    private static ResponseBody body(int size, long declaredLength) {
        Buffer buffer = new Buffer().write(new byte[size]);
        return new ResponseBody() {
            @Override
            public MediaType contentType() {
                return null;
            }

            @Override
            public long contentLength() {
                return declaredLength;
            }

            @Override
            public BufferedSource source() {
                return buffer;
            }
        };
    }

    @Test
    void aReplyOfExactlyTheLimitIsReadWhole() throws IOException {
        assertEquals(BoundedBody.MAX_REPLY, BoundedBody.read(body(BoundedBody.MAX_REPLY, BoundedBody.MAX_REPLY)).length);
        assertEquals(BoundedBody.MAX_REPLY, BoundedBody.read(body(BoundedBody.MAX_REPLY, -1)).length);
    }

    @Test
    void aReplyOneByteOverTheLimitIsRefusedWithTheLimitInTheReason() {
        IOException streamed = assertThrows(IOException.class, () -> BoundedBody.read(body(BoundedBody.MAX_REPLY + 1, -1)));
        assertEquals("reply larger than 16 MiB", streamed.getMessage());
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() {
        IOException declared = assertThrows(IOException.class, () -> BoundedBody.read(body(10, BoundedBody.MAX_REPLY + 1L)));
        assertEquals("reply larger than 16 MiB", declared.getMessage());
    }

    @Test
    void aSmallReplyComesBackByteForByte() throws IOException {
        byte[] bytes = "{\"id\":\"msg_1\"}".getBytes();
        ResponseBody small = ResponseBody.create(bytes, MediaType.get("application/json"));
        assertArrayEquals(bytes, BoundedBody.read(small));
    }
}
