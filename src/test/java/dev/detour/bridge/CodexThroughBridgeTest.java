package dev.detour.bridge;

import dev.detour.sim.ReplyScript;
import dev.detour.testing.Cleanup;
import dev.detour.testing.CodexCli;
import dev.detour.testing.SimProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real Codex CLI, headless and offline, through a bridge to Responses, Chat Completions and Anthropic sims. */
class CodexThroughBridgeTest {
    @TempDir
    static Path dir;
    static SimProcess responsesSim;

    @BeforeAll
    static void start() throws Exception {
        CodexCli.binary();
        responsesSim = SimProcess.startWith(dir, "resp-sim", "--family", "openai", "--api", "responses");
    }

    @AfterAll
    static void stop() {
        Cleanup.closeAll(responsesSim);
    }

    @Test
    void theResponsesSimServesCodexAShellToolRoundTrip() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work-direct"));
        CodexCli.Result run = CodexCli.at(responsesSim.baseUrl() + "/v1").workDir(work)
                .prompt("please run `echo marker-$((40+2))` for me").run();
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("\"type\":\"command_execution\""), "Codex ran the shell tool\n" + run);
        assertTrue(run.lastMessage() != null && run.lastMessage().contains("the tool returned") && run.lastMessage().contains("marker-42")
                && run.lastMessage().contains(ReplyScript.END), "the final answer quotes the command's real output\n" + run);
    }
}
