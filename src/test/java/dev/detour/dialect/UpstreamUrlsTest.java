package dev.detour.dialect;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UpstreamUrlsTest {
    private static final List<String> BASES = List.of("http://127.0.0.1:8080", "http://127.0.0.1:8080/",
            "https://api.example.com/v1", "https://api.example.com/v1/", "https://gateway.example.com/a/b%20c/",
            "https://bücher.example/api", "https://api.example.com/v1?key=abc", "https://api.example.com/v1#frag");
    private static final List<String> PATHS = List.of("/v1/messages", "/v1/messages/count_tokens", "/v1/models",
            "/", "/v1/a b/%41", "/v1/ünï", "/v1/x;y=z");
    private static final List<String> QUERIES = java.util.Arrays.asList(null, "beta=true", "a=1&b=%20c+d", "");

    @Test
    void givesTheUrlThatParsingTheJoinedStringGives() {
        for (int pass = 0; pass < 2; pass++) {
            for (String base : BASES) {
                for (String path : PATHS) {
                    for (String query : QUERIES) {
                        String joined = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path
                                + (query == null ? "" : "?" + query);
                        assertEquals(HttpUrl.get(joined), UpstreamUrls.of(base, path, query), joined);
                    }
                }
            }
        }
    }

    @Test
    void keepsGivingTheRightUrlsWhenManyBasesCameAndWent() {
        for (int i = 0; i < 600; i++) {
            String base = "http://127.0.0.1:" + (1000 + i) + "/p" + i;
            assertEquals(HttpUrl.get(base + "/v1/messages"), UpstreamUrls.of(base, "/v1/messages", null));
        }
        assertEquals(HttpUrl.get("http://127.0.0.1:1000/p0/v1/models"), UpstreamUrls.of("http://127.0.0.1:1000/p0", "/v1/models", null));
    }

    @Test
    void parsesEachUrlOnce() {
        HttpUrl first = UpstreamUrls.of("http://127.0.0.1:9/base/", "/v1/messages", "beta=true");
        assertSame(first, UpstreamUrls.of("http://127.0.0.1:9/base/", "/v1/messages", "beta=true"));
        assertEquals("http://127.0.0.1:9/base/v1/messages?beta=true", first.toString());
    }

    @Test
    void refusesWhatIsNoHttpUrl() {
        assertThrows(IllegalArgumentException.class, () -> UpstreamUrls.of("ftp://127.0.0.1", "/v1/messages", null));
        assertThrows(IllegalArgumentException.class, () -> UpstreamUrls.of("not a url", "/v1/messages", null));
    }
}
