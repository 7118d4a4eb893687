package dev.detour.health;

import dev.detour.wire.FailureClass;
import dev.detour.wire.Verdict;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;

import static dev.detour.wire.FailureClass.*;
import static org.junit.jupiter.api.Assertions.*;

/** Failures on the way to an answer, classified by the rung where they happened. */
class ProbeFailuresTest {
    @Test
    void failuresBeforeTheServiceAreUnreachableAndAfterConnectAreOutages() {
        assertEquals(UNREACHABLE, ProbeFailures.classifyFailure(Rung.DNS, new UnknownHostException("api.example.invalid")).failureClass());
        assertEquals("DNS lookup failed for api.example.invalid",
                ProbeFailures.classifyFailure(Rung.DNS, new UnknownHostException("api.example.invalid: Name or service not known")).reason());
        assertEquals("connection refused", ProbeFailures.classifyFailure(Rung.CONNECT, new ConnectException("Connection refused")).reason());
        assertEquals("connect timed out", ProbeFailures.classifyFailure(Rung.CONNECT, new SocketTimeoutException("Connect timed out")).reason());
        Verdict tls = ProbeFailures.classifyFailure(Rung.TLS, new SSLHandshakeException(
                "PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target"));
        assertEquals(UNREACHABLE, tls.failureClass());
        assertEquals("TLS failed: certificate not trusted", tls.reason());
        Verdict timeout = ProbeFailures.classifyFailure(Rung.HTTP, new SocketTimeoutException("timeout"));
        assertEquals(OUTAGE, timeout.failureClass());
        assertEquals("no answer after connect (timed out)", timeout.reason());
        Verdict reset = ProbeFailures.classifyFailure(Rung.HTTP, new SocketException("Connection reset"));
        assertEquals(OUTAGE, reset.failureClass());
        assertTrue(reset.reason().contains("Connection reset"));
    }

    @Test
    void rungOfAFailureWithoutTheLadder() {
        assertEquals(Rung.DNS, ProbeFailures.rungOf(new UnknownHostException("x"), false));
        assertEquals(Rung.TLS, ProbeFailures.rungOf(new SSLHandshakeException("x"), false));
        assertEquals(Rung.CONNECT, ProbeFailures.rungOf(new ConnectException("x"), false));
        assertEquals(Rung.HTTP, ProbeFailures.rungOf(new IOException("unexpected end of stream"), true));
    }
}
