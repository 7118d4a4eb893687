package dev.detour.supervise;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BridgeLauncherTest {
    @Test
    void bridgesInheritTheClassDataArchiveOfTheStartingJvmAndNothingAfterItsClasspath() {
        List<String> options = BridgeLauncher.classDataOptions(List.of("-XX:+UseSerialGC",
                "-XX:SharedArchiveFile=/opt/lib/detour/detour.jsa", "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0",
                "-Xlog:cds=off", "-cp", "/opt/lib/detour/detour.jar",
                "dev.detour.Main", "up", "-XX:SharedArchiveFile=/not/a/jvm/option"));
        assertEquals(List.of("-XX:SharedArchiveFile=/opt/lib/detour/detour.jsa", "-XX:+UnlockDiagnosticVMOptions",
                "-XX:ArchiveRelocationMode=0", "-Xlog:cds=off"), options);

        List<String> command = new BridgeLauncher(Path.of("/usr/bin/setsid"), "/usr/bin/java", "/opt/detour.jar", options)
                .command("main", Path.of("/tmp/detour.toml"));
        int archive = command.indexOf("-XX:SharedArchiveFile=/opt/lib/detour/detour.jsa");
        assertTrue(archive > 1 && archive < command.indexOf("-cp"), command.toString());
    }

    @Test
    void aJvmWithoutAnArchiveStartsBridgesWithoutOne() {
        assertEquals(List.of(), BridgeLauncher.classDataOptions(List.of("-Xshare:auto", "-jar", "detour.jar")));
    }
}
