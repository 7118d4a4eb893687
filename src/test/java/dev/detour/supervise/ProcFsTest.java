package dev.detour.supervise;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcFsTest {
    @Test
    void readsThisProcess() {
        ProcFs proc = ProcFs.system();
        long self = ProcessHandle.current().pid();
        ProcessInfo info = proc.read(self, true).orElseThrow();
        assertEquals(self, info.pid());
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), info.ppid());
        assertEquals(proc.selfUid(), info.uid());
        assertTrue(info.argv().get(0).endsWith("java"), info.commandLine());
        assertEquals(System.getenv("PATH"), info.env().get("PATH"));
        assertEquals(Path.of("").toAbsolutePath(), info.cwd());
        Instant jvmStart = ProcessHandle.current().info().startInstant().orElseThrow();
        assertTrue(Duration.between(jvmStart, info.startTime()).abs().toMillis() < 1500,
                info.startTime() + " vs " + jvmStart);
        assertTrue(proc.pids().contains(self));
    }

    @Test
    void aGonePidReadsAsEmpty() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        assertTrue(ProcFs.system().read(p.pid(), false).isEmpty());
        assertTrue(ProcFs.system().argv(p.pid()).isEmpty());
    }

    @Test
    void withoutProcNothingIsDiscoveredAndNothingFails(@org.junit.jupiter.api.io.TempDir Path empty) {
        ProcFs none = new ProcFs(empty);
        assertTrue(!none.available());
        AgentScan scan = new AgentDiscovery(none, empty, () -> new TmuxPanes(java.util.Map.of()))
                .scan(java.util.List.of());
        assertTrue(scan.attached().isEmpty() && scan.bypassing().isEmpty());
    }
}
