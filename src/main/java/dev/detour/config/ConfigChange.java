package dev.detour.config;

import java.nio.file.Path;

/**
 * The result of {@link ConfigWriter#update}: the model before and after, and the text now in the file.
 *
 * @param file the file that was written (symbolic links resolved)
 * @param text the new content of the file; the old content when nothing changed
 */
public record ConfigChange(Path file, Config before, Config after, String text) {
    /** False when the change left the model as it was; then the file was not touched. */
    public boolean changed() {
        return !before.equals(after);
    }
}
