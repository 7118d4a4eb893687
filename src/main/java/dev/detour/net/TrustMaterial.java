package dev.detour.net;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The system's trusted CAs plus those of extra PEM files (ca_file, SSL_CERT_FILE), as one trust manager. */
public final class TrustMaterial {
    private TrustMaterial() {
    }

    public static X509TrustManager system() {
        return fromKeyStore(null);
    }

    /** The system's CAs and every certificate of {@code extraFiles}; the system's alone when there are none. */
    public static X509TrustManager withExtra(List<Path> extraFiles) {
        if (extraFiles.isEmpty()) {
            return system();
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate ca : system().getAcceptedIssuers()) {
                store.setCertificateEntry("system-" + n++, ca);
            }
            for (Path file : extraFiles) {
                for (X509Certificate ca : PemFiles.certificates(file)) {
                    store.setCertificateEntry("extra-" + n++, ca);
                }
            }
            return fromKeyStore(store);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new NetworkException("cannot build the trust store: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager fromKeyStore(KeyStore store) {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(store);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new NetworkException("no X509TrustManager in this JVM");
        } catch (GeneralSecurityException e) {
            throw new NetworkException("cannot load the trust store: " + e.getMessage(), e);
        }
    }
}
