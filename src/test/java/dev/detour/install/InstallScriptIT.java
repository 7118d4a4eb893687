package dev.detour.install;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scripts/install end to end (run by failsafe after the jar is packaged): installs into a temporary prefix, runs the
 * launcher from another folder, completes session and upstream names through the installed bash completion, then
 * uninstalls and finds nothing left.
 */
class InstallScriptIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void installsRunsFromAnywhereCompletesNamesAndUninstallsWithoutATrace() throws Exception {
        Path jar = ROOT.resolve("target/detour.jar");
        assertTrue(Files.isRegularFile(jar), "target/detour.jar is built by mvn package before this test");
        Path prefix = Files.createDirectories(tmp.resolve("prefix"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path config = Files.writeString(tmp.resolve("detour.toml"), String.join("\n",
                "[upstreams.one]", "family = \"anthropic\"", "base_url = \"http://127.0.0.1:9\"", "auth = \"passthrough\"", "",
                "[upstreams.two]", "family = \"anthropic\"", "base_url = \"http://127.0.0.1:9\"", "auth = \"passthrough\"", "",
                "[sessions.alpha]", "port = 18901", "route = [\"one\", \"two\"]", "",
                "[ sessions.\"beta\" ]   # a quoted key and a comment", "port = 18902", "route = [\"one\"]", ""));
        Map<String, String> env = Map.of("DETOUR_CONFIG", config.toString(),
                "XDG_STATE_HOME", tmp.resolve("state").toString(), "XDG_CONFIG_HOME", tmp.resolve("xdg").toString());

        Run install = run(ROOT, env, 900, ROOT.resolve("scripts/install").toString(), "--prefix", prefix.toString(),
                "--jar", jar.toString());
        assertEquals(0, install.code(), install.output());
        assertTrue(install.output().contains("bin/detour") && install.output().contains("share/man/man1/detour.1"),
                install.output());
        Path detour = prefix.resolve("bin/detour");
        for (String page : List.of("detour.1", "detour-reroute.1", "detour-status.1")) {
            assertTrue(Files.isRegularFile(prefix.resolve("share/man/man1/" + page)), page);
        }

        Run version = run(elsewhere, env, 120, detour.toString(), "--version");
        assertEquals(0, version.code(), version.output());
        assertTrue(version.output().matches("(?s)detour \\S+\\nJava \\d+.*"), version.output());

        Run status = run(elsewhere, env, 120, detour.toString(), "status", "--no-health");
        assertEquals(0, status.code(), status.output());
        assertTrue(status.output().contains("alpha") && status.output().contains("beta"), status.output());

        Run reroute = run(elsewhere, env, 120, detour.toString(), "reroute", "alpha", "--to", "two");
        assertEquals(0, reroute.code(), reroute.output());
        assertTrue(Files.readString(config).contains("route = [\"two\", \"one\"]"), Files.readString(config));

        Path completion = prefix.resolve("share/bash-completion/completions/detour");
        assertEquals(List.of("alpha", "beta"), complete(completion, env, "detour", "reroute", ""));
        assertEquals(List.of("one", "two"), complete(completion, env, "detour", "reroute", "alpha", "--to", ""));
        assertEquals(List.of("beta"), complete(completion, env, "detour", "up", "b"));
        assertEquals(List.of("reroute", "restart"), complete(completion, env, "detour", "re"));

        Run again = run(ROOT, env, 900, ROOT.resolve("scripts/install").toString(), "--prefix", prefix.toString(),
                "--jar", jar.toString());
        assertEquals(0, again.code(), again.output());
        assertTrue(again.output().contains("unchanged"), "a second install keeps the archive: " + again.output());

        Run uninstall = run(ROOT, env, 120, ROOT.resolve("scripts/install").toString(), "--uninstall",
                "--prefix", prefix.toString());
        assertEquals(0, uninstall.code(), uninstall.output());
        try (Stream<Path> left = Files.walk(prefix)) {
            assertEquals(List.of(prefix), left.toList(), "everything installed is gone");
        }
    }

    /** Sources the completion in a clean bash and calls the function it registered for detour on these words. */
    private List<String> complete(Path completion, Map<String, String> env, String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String word : words) {
            array.append(" '").append(word).append("'");
        }
        String script = "source '" + completion + "'\n"
                + "COMP_WORDS=(" + array + " )\n"
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}\n"
                + "function=$(complete -p detour | sed -E 's/.*-F ([^ ]+).*/\\1/')\n"
                + "\"$function\" detour \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\" 2>/dev/null\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Run run = run(tmp, env, 60, "bash", "--norc", "--noprofile", "-c", script);
        assertEquals(0, run.code(), run.output());
        return run.output().lines().filter(line -> !line.isBlank()).sorted().toList();
    }

    private record Run(int code, String output) {
    }

    private Run run(Path dir, Map<String, String> env, long timeoutSeconds, String... command) throws Exception {
        File output = File.createTempFile("install-it", ".out", tmp.toFile());
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(output)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
                        + Files.readString(output.toPath()));
            }
            return new Run(process.exitValue(), Files.readString(output.toPath()));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
