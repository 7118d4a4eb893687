package dev.detour.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code detour <unknown>} exits 2 and names the nearest commands. */
class UnknownCommandTest {
    static String[] run(String... args) {
        CommandLine cl = DetourCommand.commandLine(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[]{String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void aMistypedCommandSuggestsTheNearestOnStderrWithExitTwo() {
        String[] r = run("stauts");
        assertEquals("2", r[0], r[2]);
        assertEquals("", r[1]);
        assertTrue(r[2].startsWith("detour: unknown command \"stauts\"; did you mean: detour status"), r[2]);
        assertTrue(r[2].contains("(detour --help lists the commands)"), r[2]);
        String[] far = run("zzzzzzzz");
        assertEquals("2", far[0]);
        assertTrue(far[2].contains("unknown command \"zzzzzzzz\"") && !far[2].contains("did you mean"), far[2]);
    }
}
