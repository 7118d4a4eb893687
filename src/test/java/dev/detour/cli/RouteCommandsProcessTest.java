package dev.detour.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.detour.config.TestConfigs;
import dev.detour.testing.DetourProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** reroute, family and status as real processes: the file diff, its mode, the journal, the bridge reload, first run. */
class RouteCommandsProcessTest {
    private static final long TIMEOUT_S = 30;

    @TempDir
    Path dir;

    private Map<String, String> env() {
        return Map.of("XDG_STATE_HOME", dir.resolve("state").toString(), "DETOUR_CONFIG", "",
                "XDG_CONFIG_HOME", dir.resolve("xdg-config").toString(), "LANG", "C.UTF-8");
    }

    private static List<String> diffLines(String a, String b) {
        List<String> x = a.lines().toList();
        List<String> y = b.lines().toList();
        assertEquals(x.size(), y.size());
        List<String> changed = new java.util.ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            if (!x.get(i).equals(y.get(i))) {
                changed.add((i + 1) + ": " + x.get(i) + " => " + y.get(i));
            }
        }
        return changed;
    }

    @Test
    void rerouteAndFlipFromTheCliChangeOnlyRouteLinesKeepTheModeAndAreJournaled() throws Exception {
        String original = TestConfigs.shippedWithExamples();
        Path file = TestConfigs.write(dir, "detour.toml", original, "rw-r-----");
        List<String> lines = original.lines().toList();
        int mainRoute = lines.indexOf("route = [\"anthropic\"]") + 1;
        int reviewRoute = lines.indexOf("route = [\"corp-proxy\", \"anthropic\", \"openai\"]") + 1;

        DetourProcess.Result reroute = DetourProcess.run(env(), dir, TIMEOUT_S,
                "reroute", "main", "review", "--to", "local-llm", "--config", file.toString());
        assertEquals(0, reroute.exitCode(), reroute.stderr());
        assertEquals("", reroute.stderr());
        assertEquals("main: route anthropic → local-llm  (route local-llm, anthropic)\n"
                + "review: route corp-proxy → local-llm  (route local-llm, corp-proxy, anthropic, openai)\n"
                + "(no bridge running for main, review: it reads the new route when it starts)\n", reroute.stdout());

        DetourProcess.Result flip = DetourProcess.run(env(), dir, TIMEOUT_S, "family", "main", "--config", file.toString());
        assertEquals(0, flip.exitCode(), flip.stderr());
        assertEquals("main: family openai → anthropic, now on anthropic  (route anthropic, local-llm)\n"
                + "(no bridge running for main: it reads the new route when it starts)\n", flip.stdout());

        String now = Files.readString(file);
        assertEquals(List.of(
                mainRoute + ": route = [\"anthropic\"] => route = [\"anthropic\", \"local-llm\"]",
                reviewRoute + ": route = [\"corp-proxy\", \"anthropic\", \"openai\"] => route = [\"local-llm\", \"corp-proxy\", \"anthropic\", \"openai\"]"),
                diffLines(original, now));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        ObjectMapper json = new ObjectMapper();
        List<String> events = Files.readAllLines(dir.resolve("state/detour/events.jsonl"));
        assertEquals(3, events.size(), events.toString());
        JsonNode first = json.readTree(events.get(0));
        assertEquals("reroute", first.get("kind").asText());
        assertEquals("main", first.get("session").asText());
        assertEquals("anthropic", first.get("from").asText());
        assertEquals("local-llm", first.get("to").asText());
        JsonNode last = json.readTree(events.get(2));
        assertEquals("family", last.get("kind").asText());
        assertEquals("openai", last.get("from").asText());
        assertEquals("anthropic", last.get("to").asText());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state/detour"))));

        DetourProcess.Result same = DetourProcess.run(env(), dir, TIMEOUT_S,
                "family", "main", "--to", "anthropic", "--config", file.toString());
        assertEquals(0, same.exitCode(), same.stderr());
        assertEquals("main: unchanged, on anthropic (anthropic)\n", same.stdout());
        assertEquals(now, Files.readString(file));
        assertEquals(3, Files.readAllLines(dir.resolve("state/detour/events.jsonl")).size(), "no event for no change");
    }

    @Test
    void aRunningBridgeIsToldToReload() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer bridge = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        bridge.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            byte[] body = "{\"reloaded\":true}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        bridge.start();
        try {
            int port = bridge.getAddress().getPort();
            Path file = TestConfigs.write(dir, "detour.toml",
                    TestConfigs.shippedWithExamples().replace("port = 8781", "port = " + port), "rw-------");
            Path tokens = Files.createDirectories(dir.resolve("state/detour/bridges"));
            Files.writeString(tokens.resolve("main.token"), "tok-4f2a\n");
            DetourProcess.Result run = DetourProcess.run(env(), dir, TIMEOUT_S,
                    "reroute", "main", "--to", "corp-proxy", "--config", file.toString());
            assertEquals(0, run.exitCode(), run.stderr());
            assertEquals(List.of("POST /t/tok-4f2a/_detour/reload"), requests);
        } finally {
            bridge.stop(0);
        }
    }

    @Test
    void aBadConfigIsExitTwoAndTheFileStaysByteIdentical() throws Exception {
        String text = TestConfigs.shippedWithExamples().replace("family = \"openai\"", "family = \"gpt\"");
        Path file = TestConfigs.write(dir, "detour.toml", text, "rw-------");
        byte[] before = Files.readAllBytes(file);
        int line = text.lines().toList().indexOf("family = \"gpt\"") + 1;
        DetourProcess.Result run = DetourProcess.run(env(), dir, TIMEOUT_S,
                "reroute", "main", "--to", "corp-proxy", "--config", file.toString());
        assertEquals(2, run.exitCode());
        assertEquals("detour: " + file + ":" + line + ": upstreams.local-llm.family: \"gpt\" is not a family: "
                + "expected \"anthropic\" or \"openai\"\n", run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void theFirstRunCopiesTheAnnotatedConfigPrivately() throws Exception {
        DetourProcess.Result run = DetourProcess.run(env(), dir, TIMEOUT_S, "status", "--json", "--no-health");
        Path created = dir.resolve("xdg-config/detour/detour.toml");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("detour: created " + created + " from the annotated default config; edit it to add upstreams and sessions\n",
                run.stderr());
        assertEquals(TestConfigs.shipped(), Files.readString(created));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(created)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(created.getParent())));
        JsonNode status = new ObjectMapper().readTree(run.stdout());
        assertEquals(8781, status.get("sessions").get(0).get("port").asInt());

        DetourProcess.Result again = DetourProcess.run(env(), dir, TIMEOUT_S, "status", "--no-health");
        assertEquals(0, again.exitCode(), again.stderr());
        assertEquals("", again.stderr(), "the second run finds the file");
    }
}
