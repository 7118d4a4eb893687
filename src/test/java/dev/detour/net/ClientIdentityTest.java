package dev.detour.net;

import dev.detour.testing.TestCa;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Client certificates made by a CA generated for the test with keytool. */
class ClientIdentityTest {
    @TempDir
    static Path dir;
    static List<Path> good;
    static List<Path> other;
    static List<Path> expired;

    @BeforeAll
    static void certificates() throws Exception {
        TestCa ca = TestCa.create(dir.resolve("ca"));
        good = ca.clientCertificate("alice", null, 2);
        other = ca.clientCertificate("bob", null, 2);
        expired = ca.clientCertificate("old", "-3d", 1);
    }

    @Test
    void aMatchingPairLoadsAndTellsItsExpiry() {
        ClientIdentity id = ClientIdentity.load(good.get(0), good.get(1), Instant.now());
        assertEquals(2, id.chain().size(), "the chain up to the CA");
        assertTrue(id.expires().isAfter(Instant.now()));
        assertEquals(1, id.keyManagers().length);
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        NetworkException e = assertThrows(NetworkException.class,
                () -> ClientIdentity.load(good.get(0), other.get(1), Instant.now()));
        assertTrue(e.getMessage().contains("is not the key of the certificate"), e.getMessage());
    }

    @Test
    void anExpiredCertificateIsRefused() {
        NetworkException e = assertThrows(NetworkException.class,
                () -> ClientIdentity.load(expired.get(0), expired.get(1), Instant.now()));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void aKeyOthersCanReadIsRefused() throws Exception {
        Path open = dir.resolve("open.key");
        Files.copy(good.get(1), open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        NetworkException e = assertThrows(NetworkException.class,
                () -> ClientIdentity.load(good.get(0), open, Instant.now()));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void anRsaPkcs1KeyGetsTheConversionCommand() throws Exception {
        Path pkcs1 = dir.resolve("legacy.key");
        Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(pkcs1, PosixFilePermissions.fromString("rw-------"));
        NetworkException e = assertThrows(NetworkException.class,
                () -> ClientIdentity.load(good.get(0), pkcs1, Instant.now()));
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8"), e.getMessage());
    }
}
