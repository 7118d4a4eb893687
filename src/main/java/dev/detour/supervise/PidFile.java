package dev.detour.supervise;

import dev.detour.config.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;

/** {@code STATE/bridges/SESSION.pid}: the pid of the supervised bridge, one decimal number and a newline. */
public final class PidFile {
    private final Path file;

    public PidFile(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The pid, or empty when there is no file or it does not hold a number. */
    public OptionalLong read() {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Writes the pid atomically (temp file and rename), so a reader never sees half a number. */
    public void write(long pid) throws IOException {
        Path tmp = PrivateFiles.file(file.resolveSibling(file.getFileName() + ".tmp"));
        Files.writeString(tmp, pid + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the file only while it still names {@code pid}, so a newer bridge's file survives. */
    public boolean deleteIfPid(long pid) throws IOException {
        OptionalLong current = read();
        if (current.isPresent() && current.getAsLong() == pid) {
            return Files.deleteIfExists(file);
        }
        return false;
    }

    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
