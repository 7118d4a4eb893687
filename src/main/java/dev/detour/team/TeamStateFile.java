package dev.detour.team;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** {@code STATE/team/SESSION.json}: written whole (temp file, rename) so that a reader never sees half of it. */
public final class TeamStateFile {
    private TeamStateFile() {
    }

    public static Path of(Path stateDir, String session) {
        return stateDir.resolve("team").resolve(session + ".json");
    }

    public static void write(Path file, TeamState state) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Codec.write(state), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static Optional<TeamState> read(Path file) {
        try {
            return Codec.read(Files.readString(file, StandardCharsets.UTF_8), TeamState.class);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
