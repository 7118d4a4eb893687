package dev.detour.supervise;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ending a process and everything it started, each wait bounded. */
final class ProcessTree {
    private ProcessTree() {
    }

    /** SIGTERM, then SIGKILL to the whole tree after {@code grace}; true when it exited within the grace. */
    static boolean terminate(long pid, Duration grace) {
        Optional<ProcessHandle> found = ProcessHandle.of(pid);
        if (found.isEmpty()) {
            return true;
        }
        ProcessHandle handle = found.get();
        List<ProcessHandle> tree = of(handle);
        handle.destroy();
        boolean exited = waitForExit(handle, grace);
        tree.forEach(ProcessHandle::destroyForcibly);
        if (!exited) {
            waitForExit(handle, Duration.ofSeconds(5));
        }
        return exited;
    }

    /** The process and its descendants, taken now (a child orphaned later would no longer be found). */
    static List<ProcessHandle> of(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        return tree;
    }

    static boolean waitForExit(ProcessHandle handle, Duration bound) {
        try {
            handle.onExit().get(Math.max(1, bound.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}
