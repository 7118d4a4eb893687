package dev.detour.health;

import dev.detour.config.Config;
import dev.detour.config.Family;
import dev.detour.config.Network;
import dev.detour.config.Session;
import dev.detour.config.Settings;
import dev.detour.config.Upstream;
import dev.detour.config.Failover;
import dev.detour.testing.FreePort;
import dev.detour.testing.TestCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** doctor's network checks against files made by a test CA and real loopback sockets. */
class NetworkChecksTest {
    @TempDir
    Path dir;

    private static Config config(Network settings, Network upstream) {
        Upstream u = new Upstream("corp", Family.ANTHROPIC, "https://llm.corp.example:8443", "env:CORP_KEY", null, null,
                Map.of(), null, null, upstream);
        return new Config(new Settings(15, 60, 90, 30, List.of(), settings), Map.of("corp", u),
                Map.of("main", new Session("main", 8781, List.of("corp"), Failover.SAME_FAMILY)));
    }

    private static String text(List<Finding> findings) {
        return findings.stream().map(f -> (f.ok() ? "ok " : "PROBLEM ") + f.text()).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void everyPartIsCheckedAndProblemsSayWhatToDo() throws Exception {
        TestCa ca = TestCa.create(dir.resolve("ca"));
        List<Path> soon = ca.clientCertificate("soon", null, 2);
        Path broken = dir.resolve("broken.pem");
        Files.writeString(broken, "not a certificate");
        int down = FreePort.closed();
        Network settings = new Network("http://127.0.0.1:" + down, ca.caPem().toString(), null, null);
        Network upstream = new Network(null, broken.toString(), soon.get(0).toString(), soon.get(1).toString());
        String out = text(NetworkChecks.all(config(settings, upstream), Map.<String, String>of()::get, Instant.now()));
        assertTrue(out.contains("ok " + ca.caPem() + ": 1 CA certificate(s)"), out);
        assertTrue(out.contains("PROBLEM " + broken + ": not a PEM certificate file"), out);
        assertTrue(out.contains("expires in 1 day(s)") && out.contains("renew it"), out);
        assertTrue(out.contains("PROBLEM proxy 127.0.0.1:" + down + " ([settings] proxy) is down"), out);
        assertTrue(out.contains("HTTPS_PROXY is not set here"), out);
    }

    @Test
    void aReachableProxyFromTheEnvironmentIsFineForAgentsToo() throws Exception {
        try (ServerSocket proxy = new ServerSocket()) {
            proxy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Map<String, String> env = Map.of("HTTPS_PROXY", "http://127.0.0.1:" + proxy.getLocalPort());
            String out = text(NetworkChecks.all(config(Network.UNSET, Network.UNSET), env::get, Instant.now()));
            assertTrue(out.contains("ok proxy 127.0.0.1:" + proxy.getLocalPort() + " (HTTPS_PROXY) accepts connections"), out);
            assertTrue(!out.contains("PROBLEM"), out);
        }
    }
}
