package dev.detour.net;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads PEM certificates and PKCS#8 private keys with the JDK's own parsers; {@code ~/} means the home folder. */
public final class PemFiles {
    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private PemFiles() {
    }

    public static Path path(String written) {
        if (written.equals("~") || written.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"), written.substring(Math.min(2, written.length())));
        }
        return Path.of(written);
    }

    /** Every certificate in a PEM file, in order; at least one. */
    public static List<X509Certificate> certificates(Path file) {
        byte[] bytes = read(file, "certificate");
        try {
            List<X509Certificate> certs = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw new NetworkException(file + ": no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)");
            }
            return certs;
        } catch (CertificateException e) {
            throw new NetworkException(file + ": not a PEM certificate file (" + e.getMessage() + ")", e);
        }
    }

    /** The unencrypted PKCS#8 private key in a PEM file (RSA or EC). */
    public static PrivateKey privateKey(Path file) {
        String text = new String(read(file, "private key"), StandardCharsets.US_ASCII);
        Matcher m = KEY.matcher(text);
        if (!m.find()) {
            throw new NetworkException(file + ": expected an unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----); "
                    + "convert it with: openssl pkcs8 -topk8 -nocrypt -in OLD.key -out " + file.getFileName());
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException tryNext) {
                // the key's algorithm is inside the DER; the JDK only tells by trying each factory
            }
        }
        throw new NetworkException(file + ": a PKCS#8 key of an algorithm this JVM cannot read (expected RSA or EC)");
    }

    private static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new NetworkException(file + ": cannot read the " + what + " file (" + e.getMessage() + ")", e);
        }
    }
}
