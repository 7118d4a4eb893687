package dev.detour.bridge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bridge token: every character counts, and the file that holds it stays private. */
class SessionTokenTest {
    @TempDir
    Path dir;

    @Test
    void aTokenThatDiffersOnlyInItsLastCharacterIsRefused() {
        String token = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
        String lastDiffers = token.substring(0, token.length() - 1) + "H";
        assertTrue(SessionToken.matches(token, token));
        assertFalse(SessionToken.matches(token, lastDiffers));
        assertFalse(SessionToken.matches(token, token.substring(0, 32)), "a prefix is not the token");
        assertFalse(SessionToken.matches(token, token + "x"), "a longer token is not the token");
        assertFalse(SessionToken.matches(token, ""));
        assertFalse(SessionToken.matches(token, null));
    }

    @Test
    void aNewTokenIsLongRandomAndKeptInAPrivateFileUnderPrivateFolders() throws Exception {
        Path file = dir.resolve("state").resolve("detour").resolve("bridges").resolve("main.token");
        String token = SessionToken.ensure(file);
        assertEquals(43, token.length(), "32 random bytes, base64url without padding");
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
        assertEquals(token + "\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent().getParent())),
                "the detour state folder is private too");
        assertEquals(token, SessionToken.ensure(file), "the second call reads the same token");
        assertNotEquals(token, SessionToken.ensure(dir.resolve("other").resolve("main.token")), "tokens are random");
    }

    @Test
    void aTokenFileThatOthersCanReadIsMadePrivateAgain() throws Exception {
        Path file = dir.resolve("bridges").resolve("main.token");
        String token = SessionToken.ensure(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(token, SessionToken.ensure(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aTooShortTokenIsAClearErrorThatSaysWhatToDo() throws Exception {
        Path file = dir.resolve("bridges").resolve("main.token");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "0123456789abcdefghijklmnopqrstu\n"); // 31 characters
        IOException e = assertThrows(IOException.class, () -> SessionToken.ensure(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("delete the file"), e.getMessage());
        Files.writeString(file, "0123456789abcdefghijklmnopqrstuv\n"); // 32 characters: accepted
        assertEquals("0123456789abcdefghijklmnopqrstuv", SessionToken.ensure(file));
    }
}
