package dev.detour.tui.shell;

import dev.detour.tui.model.Words;
import dev.detour.tui.model.Outcome;
import dev.detour.tui.model.Update;

import dev.detour.config.Config;
import dev.detour.config.ConfigException;
import dev.detour.config.ConfigLoader;
import dev.detour.config.Session;
import dev.detour.supervise.StartResult;
import dev.detour.supervise.StopResult;
import dev.detour.supervise.Supervisor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Bridge control through the supervisor, one session after another (restarts never take every bridge down at once). */
public final class SupervisedBridges implements BridgeControl {
    private final Supervisor supervisor;
    private final Path configFile;

    public SupervisedBridges(Supervisor supervisor, Path configFile) {
        this.supervisor = supervisor;
        this.configFile = configFile;
    }

    @Override
    public Outcome start(List<String> sessions) {
        return each(sessions, "start", session -> {
            StartResult r = supervisor.start(session);
            return new String[]{r.ok() ? null : failure(r), r.outcome().word()};
        });
    }

    @Override
    public Outcome stop(List<String> sessions) {
        return each(sessions, "stop", session -> {
            StopResult r = supervisor.stop(session, Supervisor.STOP_GRACE, "stopped from the dashboard");
            return new String[]{null, r.outcome().word()};
        });
    }

    @Override
    public Outcome restart(List<String> sessions) {
        return each(sessions, "restart", session -> {
            StartResult r = supervisor.restart(session, Supervisor.STOP_GRACE, "restarted from the dashboard");
            return new String[]{r.ok() ? null : failure(r), r.outcome() == StartResult.Outcome.STARTED ? "restarted" : r.outcome().word()};
        });
    }

    private static String failure(StartResult r) {
        String tail = r.logTail().isEmpty() ? "" : ": " + r.logTail().get(r.logTail().size() - 1);
        return r.session() + ": " + r.message() + tail;
    }

    private interface Op {
        /** @return {error or null, word for success} */
        String[] run(Session session) throws IOException;
    }

    private Outcome each(List<String> names, String verb, Op op) {
        Config config;
        try {
            config = ConfigLoader.load(configFile).config();
        } catch (ConfigException e) {
            return Outcome.error("cannot " + verb + ": " + e.getMessage());
        }
        List<String> done = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String word = verb;
        for (String name : names) {
            Session session = config.session(name).orElse(null);
            if (session == null) {
                errors.add(name + ": no longer in the config");
                continue;
            }
            try {
                String[] result = op.run(session);
                if (result[0] != null) {
                    errors.add(result[0]);
                } else {
                    done.add(name);
                    word = result[1];
                }
            } catch (IOException | RuntimeException e) {
                errors.add(name + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            return Outcome.error(verb + " failed for " + String.join("; ", errors)
                    + (done.isEmpty() ? "" : " (" + Words.names(done) + ": done)"));
        }
        return Outcome.info("bridge " + Words.names(done) + ": " + word);
    }
}
