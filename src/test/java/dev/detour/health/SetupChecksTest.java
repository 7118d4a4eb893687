package dev.detour.health;

import dev.detour.wire.FailureClass;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The pure judgements behind doctor. */
class SetupChecksTest {
    @Test
    void configWritableByOthersIsAProblem() {
        assertTrue(SetupChecks.configPermissions(Path.of("/c.toml"), PosixFilePermissions.fromString("rw-r--r--")).ok());
        Finding f = SetupChecks.configPermissions(Path.of("/c.toml"), PosixFilePermissions.fromString("rw-rw-r--"));
        assertFalse(f.ok());
        assertEquals("/c.toml is writable by group or others (rw-rw-r--): they could reroute your traffic; run chmod 600 /c.toml", f.text());
    }

    @Test
    void stateDirAndTokensMustBePrivate() {
        Path dir = Path.of("/s/detour");
        assertTrue(SetupChecks.statePermissions(dir, null, Map.of()).get(0).ok());
        List<Finding> fine = SetupChecks.statePermissions(dir, PosixFilePermissions.fromString("rwx------"),
                Map.of(dir.resolve("bridges/main.token"), PosixFilePermissions.fromString("rw-------")));
        assertEquals(1, fine.size());
        assertTrue(fine.get(0).ok());
        List<Finding> open = SetupChecks.statePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"),
                Map.of(dir.resolve("bridges/main.token"), PosixFilePermissions.fromString("rw-r-----")));
        assertEquals(2, open.size());
        assertTrue(open.stream().noneMatch(Finding::ok));
    }

    @Test
    void keysAreCheckedByNameAndNeverShown() {
        List<Finding> f = SetupChecks.keys(DiagnosisTest.config(List.of()), Map.of("CORP_PROXY_KEY", "sk-ant-secret-value", "OPENAI_API_KEY", " "));
        assertEquals(2, f.size(), "passthrough upstreams have no key of their own");
        assertEquals(Finding.ok("key", "corp-proxy: CORP_PROXY_KEY is set"), f.get(0));
        assertFalse(f.get(1).ok(), "a blank value is not a key");
        assertTrue(f.stream().noneMatch(x -> x.text().contains("secret")));
    }

    @Test
    void tmuxEscapeTime() {
        assertTrue(SetupChecks.tmux(null).ok());
        assertTrue(SetupChecks.tmux("25\n").ok());
        assertTrue(SetupChecks.tmux("50").ok());
        assertFalse(SetupChecks.tmux("500\n").ok());
        assertFalse(SetupChecks.tmux("soon").ok());
    }

    @Test
    void ladderLinesNameTheRungThatFailed() {
        ProbeResult refused = new ProbeResult("gone", "http://127.0.0.1:9/v1/models", StatusPageTest.NOW,
                List.of(new RungResult(Rung.DNS, true, 0L, "no lookup (IP address)"), new RungResult(Rung.CONNECT, false, null, "connection refused")),
                Rung.CONNECT, null, FailureClass.UNREACHABLE, "connection refused", null, null, null, false);
        assertEquals(Finding.problem("ladder", "gone: unreachable at connect: connection refused [dns 0 ms (IP address), connect failed]"),
                SetupChecks.ladder("gone", refused));
        ProbeResult stuck = new ProbeResult("slow", "u", StatusPageTest.NOW, List.of(), null, null, null,
                "not probed within 3000 ms (too many probes waiting)", null, null, null, false);
        assertEquals("slow: unknown (not probed within 3000 ms (too many probes waiting))", SetupChecks.ladder("slow", stuck).text());
    }
}
