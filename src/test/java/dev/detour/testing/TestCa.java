package dev.detour.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A private CA made for one test with the JDK's keytool, and certificates it signs: a server certificate for
 * 127.0.0.1 (for a TLS simulator) and client certificates (PEM chain + PKCS#8 key, as a user would configure them).
 */
public final class TestCa {
    public static final String CA_NAME = "Detour Test Corp CA";
    private static final String PASS = "changeit";
    private static final Path KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool");

    private final Path dir;

    private TestCa(Path dir) {
        this.dir = dir;
    }

    public static TestCa create(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TestCa ca = new TestCa(dir);
        ca.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3",
                "-dname", "CN=" + CA_NAME + ",O=Detour Test", "-ext", "bc:c", "-keystore", ca.store("ca"));
        ca.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.store("ca"), "-file", ca.caPem().toString());
        return ca;
    }

    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** A TLS context serving a certificate for 127.0.0.1 signed by this CA, trusting client certificates it signed. */
    public SSLContext serverContext() throws Exception {
        if (!Files.exists(dir.resolve("server.p12"))) {
            issue("server", "CN=127.0.0.1", "san=ip:127.0.0.1", null, 2);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            keys.load(in, PASS.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASS.toCharArray());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caPem())) {
            trusted.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return tls;
    }

    /** A server certificate for 127.0.0.1 as PEM files (chain, key 0600), for servers that read PEM (redis-server). */
    public List<Path> serverPem(String name) throws Exception {
        issue(name, "CN=127.0.0.1", "san=ip:127.0.0.1", null, 2);
        return List.of(dir.resolve(name + ".pem"), exportKey(name));
    }

    /** A client certificate {@code name}.pem and its key {@code name}.key (0600), valid from {@code startDate}. */
    public List<Path> clientCertificate(String name, String startDate, int validityDays) throws Exception {
        issue(name, "CN=" + name, null, startDate, validityDays);
        return List.of(dir.resolve(name + ".pem"), exportKey(name));
    }

    private Path exportKey(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
            store.load(in, PASS.toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey(name, PASS.toCharArray());
        Path keyFile = dir.resolve(name + ".key");
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        return keyFile;
    }

    private void issue(String name, String dname, String ext, String startDate, int validityDays) throws Exception {
        String store = store(name);
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname, "-keystore", store);
        keytool("-certreq", "-alias", name, "-keystore", store, "-file", dir.resolve(name + ".csr").toString());
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", store("ca"),
                "-infile", dir.resolve(name + ".csr").toString(), "-outfile", dir.resolve(name + ".pem").toString(),
                "-validity", String.valueOf(validityDays)));
        if (ext != null) {
            gencert.addAll(List.of("-ext", ext));
        }
        if (startDate != null) {
            gencert.addAll(List.of("-startdate", startDate));
        }
        keytool(gencert.toArray(new String[0]));
        Files.writeString(dir.resolve(name + ".pem"), Files.readString(dir.resolve(name + ".pem")) + Files.readString(caPem()));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem().toString(), "-keystore", store);
        keytool("-importcert", "-noprompt", "-alias", name, "-file", dir.resolve(name + ".pem").toString(), "-keystore", store);
    }

    private String store(String name) {
        return dir.resolve(name + ".p12").toString();
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(KEYTOOL.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASS));
        command.add(1, "-J-XX:TieredStopAtLevel=1");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("keytool timed out: " + String.join(" ", args));
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + out);
        }
    }
}
