package dev.detour.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * A client certificate and its key for mutual TLS, checked when loaded: the key file readable by its owner only, the
 * certificate within its validity, the key the certificate's own.
 */
public record ClientIdentity(Path certFile, Path keyFile, List<X509Certificate> chain, PrivateKey key) {
    private static final char[] NO_PASSWORD = new char[0];

    public static ClientIdentity load(Path certFile, Path keyFile, Instant now) {
        checkPermissions(keyFile);
        List<X509Certificate> chain = PemFiles.certificates(certFile);
        PrivateKey key = PemFiles.privateKey(keyFile);
        X509Certificate leaf = chain.get(0);
        if (leaf.getNotAfter().toInstant().isBefore(now)) {
            throw new NetworkException(certFile + ": the client certificate expired on " + leaf.getNotAfter().toInstant());
        }
        if (leaf.getNotBefore().toInstant().isAfter(now)) {
            throw new NetworkException(certFile + ": the client certificate is not valid before "
                    + leaf.getNotBefore().toInstant());
        }
        if (!matches(leaf, key)) {
            throw new NetworkException(keyFile + " is not the key of the certificate in " + certFile);
        }
        return new ClientIdentity(certFile, keyFile, List.copyOf(chain), key);
    }

    /** When the leaf certificate stops being valid. */
    public Instant expires() {
        return chain.get(0).getNotAfter().toInstant();
    }

    public KeyManager[] keyManagers() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            f.init(store, NO_PASSWORD);
            return f.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new NetworkException(certFile + ": cannot use the client certificate: " + e.getMessage(), e);
        }
    }

    private static void checkPermissions(Path keyFile) {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(keyFile);
        } catch (UnsupportedOperationException notPosix) {
            return;
        } catch (IOException e) {
            throw new NetworkException(keyFile + ": cannot read the client key file (" + e.getMessage() + ")", e);
        }
        for (PosixFilePermission p : perms) {
            if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                throw new NetworkException(keyFile + ": the client key is readable by others; run: chmod 600 " + keyFile);
            }
        }
    }

    /** Signs a challenge with the key and verifies it with the certificate: true only for a matching pair. */
    private static boolean matches(X509Certificate cert, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] challenge = "detour client certificate check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
