package dev.detour.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The hand-written shell parts of the completion scripts, shipped beside these classes in the jar. */
final class ShellResource {
    private ShellResource() {
    }

    static String read(String name) {
        try (InputStream in = ShellResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource dev/detour/install/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
