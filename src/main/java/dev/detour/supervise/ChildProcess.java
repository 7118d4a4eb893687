package dev.detour.supervise;

import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteResultHandler;
import org.apache.commons.exec.ExecuteStreamHandler;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A child process started through Apache Commons Exec, with its standard streams wired by the OS (a log file,
 * /dev/null or the terminal) instead of through pump threads: a detached bridge must not write into a pipe that
 * dies with its starter, and an agent run in the foreground needs the real terminal.
 *
 * @param exit completes with the exit value (128 + signal number when a signal ended it)
 */
public record ChildProcess(Process process, CompletableFuture<Integer> exit) {
    private static final long LAUNCH_TIMEOUT_S = 60;

    public long pid() {
        return process.pid();
    }

    /**
     * Starts {@code command} (an argument list, never parsed by a shell) with exactly {@code env} in {@code workDir};
     * {@code streams} sets the redirects of the {@link ProcessBuilder}. The waiting thread is a daemon, and nothing
     * kills the child when this JVM exits.
     */
    public static ChildProcess start(List<String> command, Map<String, String> env, Path workDir,
                                     Consumer<ProcessBuilder> streams) throws IOException {
        CommandLine commandLine = new CommandLine(command.get(0));
        command.subList(1, command.size()).forEach(arg -> commandLine.addArgument(arg, false));
        RedirectingExecutor executor = new RedirectingExecutor(streams);
        executor.setWorkingDirectory(workDir.toFile());
        executor.setExitValues(null);
        executor.setStreamHandler(new OsStreams());
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        executor.execute(commandLine, env, new ExecuteResultHandler() {
            @Override
            public void onProcessComplete(int exitValue) {
                exit.complete(exitValue);
            }

            @Override
            public void onProcessFailed(ExecuteException e) {
                if (!executor.launched.isDone()) {
                    executor.launched.completeExceptionally(e.getCause() != null ? e.getCause() : e);
                }
                exit.complete(e.getExitValue());
            }
        });
        try {
            return new ChildProcess(executor.launched.get(LAUNCH_TIMEOUT_S, TimeUnit.SECONDS), exit);
        } catch (ExecutionException e) {
            throw new IOException("cannot start " + command.get(0) + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            // the caller gives up on it, so a process that still appears must not live on unowned
            executor.launched.thenAccept(late -> {
                late.descendants().forEach(ProcessHandle::destroyForcibly);
                late.destroyForcibly();
            });
            throw new IOException("cannot start " + command.get(0) + ": no process after " + LAUNCH_TIMEOUT_S + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + command.get(0), e);
        }
    }

    /** Commons Exec's launch step, done with a ProcessBuilder so the OS wires the streams. */
    private static final class RedirectingExecutor extends DefaultExecutor {
        final CompletableFuture<Process> launched = new CompletableFuture<>();
        private final Consumer<ProcessBuilder> streams;

        // The public constructor is deprecated in favour of a builder that cannot build subclasses; overriding
        // launch() is the extension point Commons Exec documents for custom process creation.
        @SuppressWarnings("deprecation")
        RedirectingExecutor(Consumer<ProcessBuilder> streams) {
            this.streams = streams;
        }

        @Override
        protected Process launch(CommandLine command, Map<String, String> env, Path dir) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(command.toStrings());
            if (dir != null) {
                builder.directory(dir.toFile());
            }
            if (env != null) {
                builder.environment().clear();
                builder.environment().putAll(env);
            }
            streams.accept(builder);
            try {
                Process process = builder.start();
                launched.complete(process);
                return process;
            } catch (IOException e) {
                launched.completeExceptionally(e);
                throw e;
            }
        }

        @Override
        protected Process launch(CommandLine command, Map<String, String> env, File dir) throws IOException {
            return launch(command, env, dir == null ? null : dir.toPath());
        }

        @Override
        protected Thread createThread(Runnable runnable, String name) {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        }
    }

    /** The streams belong to files or the terminal, not to this JVM: nothing to pump. */
    private static final class OsStreams implements ExecuteStreamHandler {
        @Override
        public void setProcessInputStream(OutputStream os) {
        }

        @Override
        public void setProcessErrorStream(InputStream is) {
        }

        @Override
        public void setProcessOutputStream(InputStream is) {
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }
    }
}
