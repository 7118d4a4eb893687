package dev.detour.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Writes config changes back into the file people also edit by hand. Only the lines of changed values are touched
 * (see {@link TomlEditor}); the new text is re-parsed and must equal the intended model; it replaces the file
 * atomically (temp file in the same folder, fsync, rename) with the file's mode kept. If the file changed on disk
 * since it was read, the change is applied again to the new content, so a concurrent edit is never overwritten:
 * after the rename the writer waits until no process (its own other threads included) holds the replaced file open
 * for writing, reads it through a descriptor opened before, and carries over what was appended to it meanwhile.
 * Another process that keeps the file open for writing (whose later writes would go to the replaced file) makes it
 * refuse, nothing written.
 * Its own {@link IOException}s do not name the file: callers put the file in front of every message.
 */
public final class ConfigWriter {
    /** Called after the new text is computed and before the file on disk is compared and replaced. */
    @FunctionalInterface
    public interface BeforeReplace {
        void run(Path file) throws IOException;
    }

    /**
     * Called right after the file was replaced, within the time the writer gives concurrent writers to show (it waits
     * only for what is left of it): callers tell the file's readers here. Called again when the change had to be
     * applied again to a file rewritten meanwhile; not called when nothing changed. Should not throw.
     */
    @FunctionalInterface
    public interface AfterReplace {
        void run(Config before, Config written);
    }

    static final int MAX_ATTEMPTS = 20;
    /** Where {@code /proc} shows open files, a writer shows there once its open returns; elsewhere it needs time to write. */
    private static final long SETTLE_MS = 10;
    private static final long SETTLE_BLIND_MS = 50;
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final AtomicLong TEMP_NAMES = new AtomicLong(System.nanoTime());
    private static final int TEMP_ATTEMPTS = 100;

    private final BeforeReplace beforeReplace;

    public ConfigWriter() {
        this(file -> {
        });
    }

    /** A writer with a hook between reading and replacing the file: tests make concurrent edits there. */
    public ConfigWriter(BeforeReplace beforeReplace) {
        this.beforeReplace = beforeReplace;
    }

    /**
     * Starts looking for other processes that hold {@code file} open for writing, for a write of it that follows in
     * this process: a short command calls it before it reads the config for its own use, so that the look, which
     * takes a while on a fresh JVM, is done by the time the write needs it. Writing without it is just as safe.
     */
    public static void prepare(Path file) {
        try {
            if (Files.exists(file)) {
                OpenWritersScan.startEarly(file.toRealPath());
            }
        } catch (IOException unreadable) {
            // the write reports it
        }
    }

    /** Applies {@code change} to the config in {@code file} and writes the result back. */
    public static ConfigChange update(Path file, UnaryOperator<Config> change) throws ConfigException, IOException {
        return new ConfigWriter().apply(file, change);
    }

    /**
     * @throws ConfigException when the file on disk is not a valid config, or the changed config would not be
     *                         valid (nothing is written in either case)
     * @throws IOException     when the file cannot be written, or kept changing under every attempt
     * @throws IllegalStateException when the file's layout cannot express the change (e.g. a value defined in an
     *                               unusual place); nothing is written
     * @throws RuntimeException  whatever {@code change} throws (e.g. {@code RouteException}); nothing is written
     */
    public ConfigChange apply(Path file, UnaryOperator<Config> change) throws ConfigException, IOException {
        return apply(file, change, (before, written) -> {
        });
    }

    /** {@link #apply(Path, UnaryOperator)}, calling {@code afterReplace} each time the file was replaced. */
    public ConfigChange apply(Path file, UnaryOperator<Config> change, AfterReplace afterReplace)
            throws ConfigException, IOException {
        Path target = Files.exists(file) ? file.toRealPath() : file;
        try (ConfigLock ignored = ConfigLock.acquire(target)) {
            return applyLocked(file, target, change, afterReplace);
        }
    }

    /**
     * {@code base} is the text the change applies to, {@code onDisk} what the file must start with for the new text to
     * replace it. They differ only after the replaced file was rewritten (not appended to) during the rename: the
     * change is then applied again to that text, which replaces what detour wrote a moment before. Lines appended
     * to the file while detour writes it (before or during the rename) are appended to the new file, as if they had
     * come a moment later; lines appended by two writers at once may so end up in the other order.
     */
    private ConfigChange applyLocked(Path file, Path target, UnaryOperator<Config> change, AfterReplace afterReplace)
            throws ConfigException, IOException {
        byte[] base = null;
        byte[] onDisk = null;
        boolean wrote = false;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            OpenWriters.Inode inode = OpenWriters.Inode.of(target);
            try (OpenWritersScan holders = OpenWritersScan.start(target, inode); FileChannel replaced = open(target, file)) {
                if (!inode.equals(OpenWriters.Inode.of(target))) {
                    continue;
                }
                if (base == null) {
                    base = readBytes(replaced, file);
                    onDisk = base;
                }
                LoadedConfig loaded = ConfigLoader.parseAgain(file, ConfigLoader.decode(file, base));
                Config before = loaded.config();
                Config after = change.apply(before);
                boolean unchanged = ConfigWriterEquality.same(after, before);
                if (unchanged && base == onDisk) {
                    return new ConfigChange(target, before, after, loaded.text());
                }
                String text = unchanged ? loaded.text() : render(file, loaded.text(), before, after);
                refuseWhileHeldOpen(holders);
                beforeReplace.run(target);
                if (!replaceIfOnlyAppended(target, onDisk, text)) {
                    base = null;
                    continue;
                }
                long replacedAt = System.nanoTime();
                afterReplace.run(before, after);
                settle(replacedAt);
                List<OpenWriters.Writer> still = OpenWritersScan.awaitNone(target, inode, true);
                if (!still.isEmpty()) {
                    throw new IOException("the change was written, but " + still.get(0) + " opened the file for writing "
                            + "meanwhile and still holds it: what it writes from now on does not reach the file");
                }
                byte[] afterRename = readBytes(replaced, file);
                if (startsWith(afterRename, onDisk)) {
                    byte[] appended = Arrays.copyOfRange(afterRename, onDisk.length, afterRename.length);
                    append(target, appended);
                    return new ConfigChange(target, before, after, text + new String(appended, StandardCharsets.UTF_8));
                }
                wrote = true;
                base = afterRename;
                onDisk = text.getBytes(StandardCharsets.UTF_8);
            }
        }
        throw new IOException(wrote ? "the file kept changing while detour wrote it; check that your latest edit is in it"
                : "the file kept changing while detour tried to write it; nothing was written");
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Appends what was written into the replaced file to the new one; nothing when {@code bytes} is empty. */
    private static void append(Path target, byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            return;
        }
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /**
     * Gives a writer that was opening the file at the moment of the rename ({@code replacedAt}) the time to show in
     * {@code /proc} (or, where there is none, to finish its write).
     */
    private static void settle(long replacedAt) {
        long left = (OpenWriters.visible() ? SETTLE_MS : SETTLE_BLIND_MS) - (System.nanoTime() - replacedAt) / 1_000_000;
        if (left <= 0) {
            return;
        }
        try {
            Thread.sleep(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static FileChannel open(Path target, Path shownAs) throws ConfigException {
        try {
            return FileChannel.open(target, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new ConfigException(shownAs, 0, null, "cannot read: " + e.getMessage());
        }
    }

    /** The new text for {@code after}, checked by parsing it back. */
    static String render(Path file, String text, Config before, Config after) throws ConfigException {
        TomlLayout layout;
        try {
            layout = TomlLayout.scan(text);
        } catch (TomlLayout.SyntaxError e) {
            throw new ConfigException(file, e.line(), null, "TOML syntax: " + e.getMessage());
        }
        String next = TomlEditor.edit(layout, ConfigTree.of(before), ConfigTree.of(after));
        Config reparsed;
        try {
            reparsed = ConfigLoader.parse(file, next).config();
        } catch (ConfigException broken) {
            throw new ConfigException(file, lineInFile(layout, broken.key()), broken.key(), "change refused, nothing was written: " + broken.reason());
        }
        if (!ConfigWriterEquality.same(reparsed, after)) {
            throw new IllegalStateException(file + ": detour could not express this change in the file's layout; "
                    + "nothing was written (edit the file by hand)");
        }
        return next;
    }

    /** The line of the file that holds {@code key} or its table; 0 when the key is new. */
    private static int lineInFile(TomlLayout layout, String key) {
        if (key == null) {
            return 0;
        }
        List<String> path = List.of(key.split("\\."));
        TomlLayout.Entry entry = layout.entryCovering(path);
        if (entry != null) {
            return entry.line();
        }
        TomlLayout.Table table = layout.table(path);
        if (table == null && path.size() > 1) {
            table = layout.table(path.subList(0, path.size() - 1));
        }
        return table != null ? table.line() : 0;
    }

    /** Creates a new config file (mode 0600, missing parent folders 0700); fails if the file exists. */
    public static void create(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
        }
        Path temp = writeTemp(dir, file.getFileName().toString(), text, FILE_MODE);
        try {
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file.toString());
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(dir);
    }

    /** The whole content of the file open in {@code channel} (which may no longer be at its path). */
    private static byte[] readBytes(FileChannel channel, Path shownAs) throws ConfigException {
        try {
            long size = channel.size();
            if (size > ConfigLoader.MAX_BYTES) {
                throw ConfigLoader.tooLarge(shownAs, size);
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) size);
            while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) >= 0) {
                // positional reads: the channel's own position stays at 0
            }
            return Arrays.copyOf(bytes.array(), bytes.position());
        } catch (IOException e) {
            throw new ConfigException(shownAs, 0, null, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Refuses while another process keeps the file open for writing: what it wrote after the rename would go to the
     * replaced file, never to the config. The scan runs while the file is read and the change computed (it takes as
     * long as both on a fresh JVM), so it does not widen the window between reading and replacing the file.
     */
    private static void refuseWhileHeldOpen(OpenWritersScan holders) throws IOException {
        List<OpenWriters.Writer> writers = holders.result();
        if (!writers.isEmpty()) {
            throw new IOException(writers.get(0) + " keeps the file open for writing; nothing was written: "
                    + "close it there (or let it finish) and try again");
        }
    }

    /**
     * Replaces {@code target} with {@code text} unless its content no longer starts with {@code original}: lines
     * appended meanwhile are carried over by the caller, any other edit means the change must be applied again.
     */
    private static boolean replaceIfOnlyAppended(Path target, byte[] original, String text) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(target);
        Path dir = target.toAbsolutePath().getParent();
        Path temp = writeTemp(dir, target.getFileName().toString(), text, mode);
        try {
            if (!startsWith(Files.readAllBytes(target), original)) {
                return false;
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace files atomically in " + dir + "; nothing was written", e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(dir);
        return true;
    }

    private static Path writeTemp(Path dir, String name, String text, Set<PosixFilePermission> mode) throws IOException {
        Path temp = createTemp(dir, name);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.setPosixFilePermissions(temp, mode);
            return temp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * A new empty file {@code .NAME.N.tmp} (mode 0600) in {@code dir}. Not {@link Files#createTempFile}: it seeds a
     * {@code SecureRandom} first, a tenth of a short command's time; a unique name is all a temp file here needs.
     */
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path temp = dir.resolve("." + name + "." + Long.toUnsignedString(TEMP_NAMES.incrementAndGet(), 36) + ".tmp");
            try {
                return Files.createFile(temp, PosixFilePermissions.asFileAttribute(FILE_MODE));
            } catch (FileAlreadyExistsException taken) {
                if (attempt == TEMP_ATTEMPTS) {
                    throw taken;
                }
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename itself is still atomic
        }
    }
}
