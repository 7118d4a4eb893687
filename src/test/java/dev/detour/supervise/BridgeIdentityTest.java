package dev.detour.supervise;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BridgeIdentityTest {
    @Test
    void recognisesTheMainClassAndTheJarForms() {
        assertTrue(BridgeIdentity.isBridge(List.of("/usr/bin/java", "-cp", "a.jar:b.jar", "dev.detour.Main",
                "bridge", "main", "--config", "/x/detour.toml"), "main"));
        assertTrue(BridgeIdentity.isBridge(List.of("java", "-jar", "/opt/detour/detour.jar", "--config", "f",
                "bridge", "main"), "main"));
        assertTrue(BridgeIdentity.isBridge(List.of("setsid", "java", "-cp", "c", "dev.detour.Main", "bridge", "w2"),
                "w2"));
    }

    @Test
    void rejectsOtherSessionsOtherCommandsAndOtherPrograms() {
        assertFalse(BridgeIdentity.isBridge(List.of("java", "-cp", "c", "dev.detour.Main", "bridge", "main2"), "main"));
        assertFalse(BridgeIdentity.isBridge(List.of("java", "-cp", "c", "dev.detour.Main", "up", "main"), "main"));
        assertFalse(BridgeIdentity.isBridge(List.of("sleep", "300"), "main"));
        assertFalse(BridgeIdentity.isBridge(List.of("vim", "bridge", "main"), "main"));
        assertFalse(BridgeIdentity.isBridge(List.of("java", "-jar", "other.jar", "bridge"), "main"));
        assertFalse(BridgeIdentity.isBridge(List.of(), "main"));
    }

    @Test
    void detourProcessesAreRecognisedWhateverTheirCommand() {
        assertTrue(BridgeIdentity.isDetour(List.of("java", "-cp", "c", "dev.detour.Main", "run", "main", "--",
                "claude")));
        assertTrue(BridgeIdentity.isDetour(List.of("java", "-jar", "target/detour.jar")));
        assertFalse(BridgeIdentity.isDetour(List.of("claude", "-p", "what is dev.detour.Main?")));
        assertFalse(BridgeIdentity.isDetour(List.of("java", "-jar", "other.jar")));
    }
}
