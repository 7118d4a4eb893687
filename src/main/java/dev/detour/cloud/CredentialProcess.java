package dev.detour.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.wire.Secrets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A profile's {@code credential_process}: the command runs through {@code sh -c} (as the AWS SDKs run it) with a time
 * limit (then it and its children are stopped: the JDK's process handles reach the children, Commons Exec's watchdog
 * does not), and prints {@code {"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}} on stdout.
 * The keys are kept until shortly before {@code Expiration} (for ever without one) and the command runs again then.
 * Its output is never shown: errors name the profile and quote stderr's first line, redacted.
 */
final class CredentialProcess {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Refreshed this long before they expire, so that a request signed now is not refused on arrival. */
    static final Duration EARLY = Duration.ofMinutes(1);
    private static final int OUTPUT_LIMIT = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Executor READERS = task -> {
        Thread reader = new Thread(task, "credential-process-output");
        reader.setDaemon(true);
        reader.start();
    };
    private final String profile;
    private final String command;
    private final Clock clock;
    private final Duration timeout;
    private AwsAuth.Keys keys;
    private Instant expiration;

    CredentialProcess(String profile, String command, Clock clock, Duration timeout) {
        this.profile = profile;
        this.command = command;
        this.clock = clock;
        this.timeout = timeout;
    }

    String profile() {
        return profile;
    }

    String command() {
        return command;
    }

    /** The keys the command gave, run again when they are about to expire. */
    synchronized AwsAuth.Keys keys() throws CloudAuthException {
        if (keys == null || expiration != null && !clock.instant().isBefore(expiration.minus(EARLY))) {
            run();
        }
        return keys;
    }

    private void run() throws CloudAuthException {
        Process process;
        try {
            process = new ProcessBuilder("sh", "-c", command).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw failure("could not be started: " + e.getMessage(), e);
        }
        CompletableFuture<Output> out = read(process.getInputStream());
        CompletableFuture<Output> err = read(process.getErrorStream());
        long deadline = System.nanoTime() + timeout.toNanos();
        Output stdout;
        Output stderr;
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException();
            }
            long left = Math.max(1, deadline - System.nanoTime());
            stdout = out.get(left, TimeUnit.NANOSECONDS);
            stderr = err.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            stop(process);
            throw failure("did not finish within " + timeout.toMillis() + " ms and was stopped", null);
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw failure("was interrupted", e);
        } catch (ExecutionException e) {
            stop(process);
            throw failure("could not be read: " + e.getCause().getMessage(), e.getCause());
        }
        if (process.exitValue() != 0) {
            String why = stderr.text().lines().findFirst().orElse("no message on stderr");
            throw failure("exited with " + process.exitValue() + ": " + Secrets.redact(why), null);
        }
        if (stdout.overflow()) {
            throw failure("printed more than " + OUTPUT_LIMIT / 1024 + " KiB", null);
        }
        parse(stdout.text());
    }

    /** The command's shell and whatever it started, so that no child keeps its output open. */
    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private record Output(String text, boolean overflow) {
    }

    /** Reads a stream to its end on a thread of its own, keeping the first {@link #OUTPUT_LIMIT} bytes. */
    private static CompletableFuture<Output> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            boolean overflow = false;
            try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    int room = OUTPUT_LIMIT - kept.size();
                    overflow |= n > room;
                    kept.write(buffer, 0, Math.max(0, Math.min(n, room)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Output(kept.toString(StandardCharsets.UTF_8), overflow);
        }, READERS);
    }

    private void parse(String output) throws CloudAuthException {
        JsonNode json;
        try {
            json = JSON.readTree(output);
        } catch (IOException e) {
            throw failure("did not print JSON", null);
        }
        if (json == null || !json.isObject() || json.path("Version").asInt() != 1) {
            throw failure("did not print a JSON object with \"Version\": 1", null);
        }
        String id = json.path("AccessKeyId").asText("");
        String secret = json.path("SecretAccessKey").asText("");
        if (id.isBlank() || secret.isBlank()) {
            throw failure("printed no AccessKeyId and SecretAccessKey", null);
        }
        Instant expires = null;
        if (json.hasNonNull("Expiration")) {
            try {
                expires = Instant.parse(json.get("Expiration").asText());
            } catch (DateTimeParseException e) {
                throw failure("printed an Expiration that is not an ISO-8601 time: " + json.get("Expiration").asText(), null);
            }
            if (!clock.instant().isBefore(expires)) {
                throw failure("printed credentials that expired at " + expires, null);
            }
        }
        String session = json.path("SessionToken").asText("");
        keys = new AwsAuth.Keys(id, secret, session.isBlank() ? null : session, "credential_process of profile " + profile);
        expiration = expires;
    }

    private CloudAuthException failure(String what, Throwable cause) {
        return new CloudAuthException("AWS profile \"" + profile + "\": credential_process " + what, cause);
    }
}
