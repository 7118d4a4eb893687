package dev.detour.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/** The per-session token that agents put in the bridge URL; kept in a 0600 file under a 0700 folder. */
public final class SessionToken {
    private static final int BYTES = 32;
    /** Seeded on first use: a bridge whose token exists does not wait for it at start. */
    private static final class Random {
        static final SecureRandom SOURCE = new SecureRandom();
    }

    private SessionToken() {
    }

    /** Reads the token, creating the file (and private folders) with a new random token when it is absent. */
    public static String ensure(Path file) throws IOException {
        privateDirectories(file.getParent());
        if (!Files.exists(file)) {
            byte[] random = new byte[BYTES];
            Random.SOURCE.nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
                return token;
            } catch (FileAlreadyExistsException raced) {
                // another process created it first: use theirs
            }
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        if (!mode.equals(PosixFilePermissions.fromString("rw-------"))) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (token.length() < 32) {
            throw new IOException(file + ": the token is too short; delete the file to get a new one");
        }
        return token;
    }

    /** Creates missing folders with mode 0700 and tightens the state folders detour made. */
    static void privateDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        for (Path d : new Path[]{dir, dir.getParent()}) {
            if (d != null && Files.isDirectory(d) && d.getFileName() != null
                    && (d.equals(dir) || d.getFileName().toString().equals("detour"))) {
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
            }
        }
    }

    /** Compares a presented token with the real one in constant time. */
    public static boolean matches(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
