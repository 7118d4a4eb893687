package dev.detour.install;

import picocli.CommandLine.Model.ArgSpec;

import java.util.Optional;

/**
 * The names a shell completes from the user's config: an argument labelled {@code SESSION} takes a session name,
 * one labelled {@code UPSTREAM} an upstream name. The word is also the config's table prefix
 * ({@code [sessions.NAME]}), which is what the shell functions look for.
 */
enum NameKind {
    SESSIONS("SESSION", "sessions"),
    UPSTREAMS("UPSTREAM", "upstreams");

    private final String paramLabel;
    private final String table;

    NameKind(String paramLabel, String table) {
        this.paramLabel = paramLabel;
        this.table = table;
    }

    /** The config table whose keys are these names: {@code sessions} or {@code upstreams}. */
    String table() {
        return table;
    }

    static Optional<NameKind> of(ArgSpec arg) {
        for (NameKind kind : values()) {
            if (kind.paramLabel.equals(arg.paramLabel())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
