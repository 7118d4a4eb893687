package dev.detour.dialect;

import okhttp3.Headers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForwardedHeadersTest {
    private static Headers headers(String... namesAndValues) {
        Headers.Builder builder = new Headers.Builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.addUnsafeNonAscii(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    @Test
    void upstreamGetsTheAgentsHeadersWithoutHopByHopConnectionSpecificOrCredentialOnes() {
        Headers agent = headers(
                "Anthropic-Version", "2023-06-01",
                "Connection", "keep-alive, X-Trace-Hop",
                "Keep-Alive", "timeout=5",
                "Transfer-Encoding", "chunked",
                "TE", "trailers",
                "Upgrade", "h2c",
                "Proxy-Authorization", "Basic cHJveHk=",
                "Host", "127.0.0.1:9999",
                "Content-Length", "12",
                "Accept-Encoding", "gzip",
                "Expect", "100-continue",
                "X-Api-Key", "sk-ant-agent",
                "Authorization", "Bearer agent",
                "X-Trace-Hop", "listed in Connection, so hop-by-hop",
                "anthropic-beta", "tools-2024",
                "anthropic-beta", "prompt-caching",
                "User-Agent", "claude-cli/2.0 (é)");

        Headers upstream = ForwardedHeaders.toUpstream(agent);

        assertEquals(List.of("Anthropic-Version", "anthropic-beta", "anthropic-beta", "User-Agent"), namesInOrder(upstream),
                upstream.toString());
        assertEquals("2023-06-01", upstream.get("anthropic-version"));
        assertEquals(List.of("tools-2024", "prompt-caching"), upstream.values("anthropic-beta"));
        assertEquals("claude-cli/2.0 (é)", upstream.get("user-agent"));
    }

    @Test
    void connectionListedNamesAreMatchedWhateverTheirCaseAndAcrossSeveralConnectionLines() {
        Headers agent = headers("connection", "X-One", "Connection", " x-two ,", "X-ONE", "1", "x-Two", "2", "X-Three", "3");

        Headers upstream = ForwardedHeaders.toUpstream(agent);

        assertEquals(1, upstream.size(), upstream.toString());
        assertEquals("3", upstream.get("x-three"));
    }

    @Test
    void theAgentGetsTheUpstreamsHeadersWithoutFramingEncodingDateOrHopByHopOnes() {
        Headers reply = headers(
                "Content-Type", "text/event-stream",
                "Content-Length", "100",
                "Content-Encoding", "gzip",
                "Date", "Mon, 30 Nov 2026 17:00:00 GMT",
                "Connection", "close, X-Upstream-Hop",
                "X-Upstream-Hop", "hop",
                "Transfer-Encoding", "chunked",
                "request-id", "req_1",
                "retry-after", "7",
                "anthropic-ratelimit-requests-remaining", "0");

        Headers agent = ForwardedHeaders.toAgent(reply);

        assertEquals(Set.of("content-type", "request-id", "retry-after", "anthropic-ratelimit-requests-remaining"),
                lowerNames(agent), agent.toString());
        assertEquals("text/event-stream", agent.get("content-type"));
        assertEquals("req_1", agent.get("request-id"));
        assertEquals("7", agent.get("retry-after"));
    }

    @Test
    void credentialHeadersOfTheReplyAreTheUpstreamsOwnAndStay() {
        Headers agent = ForwardedHeaders.toAgent(headers("x-api-key", "not a secret of the agent", "authorization", "x"));
        assertEquals(2, agent.size());
    }

    @Test
    void headerTokensAreLowerCaseStrippedAndWithoutEmptyEntries() {
        assertEquals(Set.of("keep-alive", "upgrade", "x-a"), HeaderTokens.of(List.of("Keep-Alive, ,Upgrade", " X-A ,,", "keep-alive")));
        assertTrue(HeaderTokens.of(List.of()).isEmpty());
        assertTrue(HeaderTokens.contains(List.of("keep-alive, Upgrade"), "UPGRADE"));
        assertFalse(HeaderTokens.contains(List.of("keep-alive, Upgrade"), "close"));
        assertFalse(HeaderTokens.contains(null, "close"));
    }

    private static Set<String> lowerNames(Headers headers) {
        java.util.Set<String> names = new java.util.HashSet<>();
        headers.names().forEach(n -> names.add(n.toLowerCase(java.util.Locale.ROOT)));
        return names;
    }

    private static List<String> namesInOrder(Headers headers) {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            names.add(headers.name(i));
        }
        return names;
    }
}
