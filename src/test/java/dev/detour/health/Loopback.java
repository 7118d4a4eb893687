package dev.detour.health;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Real servers on 127.0.0.1 for the probe tests, each on a free port picked by the kernel. */
final class Loopback {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Loopback() {
    }

    /** A port nothing listens on (bound, then released). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    /** Accepts connections and never sends a byte. */
    static final class Silent implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = new ArrayList<>();
        private final Thread acceptor;

        Silent() throws IOException {
            server = new ServerSocket(0, 200, LOOPBACK);
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        synchronized (held) {
                            held.add(s);
                        }
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    /** Reads the start of each request, then resets the connection (TCP RST) without answering. */
    static final class Resetting implements AutoCloseable {
        private final ServerSocket server;

        Resetting() throws IOException {
            server = new ServerSocket(0, 50, LOOPBACK);
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        s.getInputStream().read(new byte[1024]);
                        s.setSoLinger(true, 0);
                    } catch (IOException closed) {
                        if (server.isClosed()) {
                            return;
                        }
                    }
                }
            }, "resetting-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** One fixed answer for any request. */
    record Answer(int status, String contentType, String body, Map<String, String> headers, long delayMs) {
        static Answer json(int status, String body) {
            return new Answer(status, "application/json", body, Map.of(), 0);
        }

        Answer delayed(long ms) {
            return new Answer(status, contentType, body, headers, ms);
        }
    }

    /** What a server saw of one request. */
    record Seen(String path, Map<String, List<String>> headers) {
    }

    /** An HTTP(S) server answering {@link Answer}, recording requests and how many it served at once. */
    static final class Server implements AutoCloseable {
        final HttpServer http;
        final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        private final java.util.concurrent.atomic.AtomicReference<Answer> current;
        private final ExecutorService pool = Executors.newFixedThreadPool(64, r -> {
            Thread t = new Thread(r, "loopback-server");
            t.setDaemon(true);
            return t;
        });

        Server(HttpServer http, Answer first) {
            this.http = http;
            this.current = new java.util.concurrent.atomic.AtomicReference<>(first);
            http.setExecutor(pool);
            http.createContext("/", exchange -> {
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                Answer answer = current.get();
                try (InputStream in = exchange.getRequestBody()) {
                    in.readAllBytes();
                    seen.add(new Seen(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders())));
                    if (answer.delayMs() > 0) {
                        Thread.sleep(answer.delayMs());
                    }
                    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("content-type", answer.contentType());
                    answer.headers().forEach(exchange.getResponseHeaders()::set);
                    exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
                    if (body.length > 0) {
                        exchange.getResponseBody().write(body);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inFlight.decrementAndGet();
                    exchange.close();
                }
            });
            http.start();
        }

        int port() {
            return http.getAddress().getPort();
        }

        /** Answers {@code next} from now on. */
        void answer(Answer next) {
            current.set(next);
        }

        String url() {
            return (http instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + port();
        }

        @Override
        public void close() {
            http.stop(0);
            pool.shutdownNow();
        }
    }

    static Server http(Answer answer) throws IOException {
        return new Server(HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 100), answer);
    }

    static Server https(TestCert cert, Answer answer) throws IOException {
        HttpsServer s = HttpsServer.create(new InetSocketAddress(LOOPBACK, 0), 100);
        s.setHttpsConfigurator(new HttpsConfigurator(cert.serverContext()));
        return new Server(s, answer);
    }

    /**
     * A self-signed certificate made in the test with the JDK's keytool, named like a corporate TLS interceptor,
     * valid for 127.0.0.1.
     */
    record TestCert(Path keystore, char[] password) {
        static final String ISSUER = "Corp TLS Inspection CA (Example Corp)";

        static TestCert generate(Path dir) throws IOException, InterruptedException {
            Path ks = dir.resolve("interceptor.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "interceptor",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=Corp TLS Inspection CA, O=Example Corp",
                    "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-storetype", "PKCS12", "-keystore", ks.toString(),
                    "-storepass", "changeit", "-keypass", "changeit")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.out").toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("keytool failed: " + Files.readString(dir.resolve("keytool.out")));
            }
            return new TestCert(ks, "changeit".toCharArray());
        }

        KeyStore load() throws IOException {
            try (FileInputStream in = new FileInputStream(keystore.toFile())) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(in, password);
                return ks;
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException(e);
            }
        }

        SSLContext serverContext() throws IOException {
            try {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(), password);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), null, null);
                return ctx;
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException(e);
            }
        }

        /** JVM options that make a detour child process trust this certificate, as a corporate CA install would. */
        String trustStoreOptions() {
            return "-Djavax.net.ssl.trustStore=" + keystore + " -Djavax.net.ssl.trustStorePassword=" + new String(password)
                    + " -Djavax.net.ssl.trustStoreType=PKCS12";
        }

        /** A trust manager that trusts this certificate (as a machine with the corporate CA installed would). */
        X509TrustManager trustManager() throws IOException {
            try {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load());
                for (TrustManager tm : tmf.getTrustManagers()) {
                    if (tm instanceof X509TrustManager x) {
                        return x;
                    }
                }
                throw new IOException("no X509TrustManager");
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException(e);
            }
        }
    }
}
