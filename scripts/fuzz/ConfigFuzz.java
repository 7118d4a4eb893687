import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Generates hostile configs (deep nesting, huge, binary, unicode, duplicates, random damage) and runs the real
 * `detour reroute` on each: it must exit 2 with the file (and the line, where the damage has one), print no stack
 * trace, and leave the file byte-identical. Random damage can leave a valid config: when TOML4J (an independent
 * parser, not detour's code) reads the damaged text and detour exits 0, the case must be a correct reroute instead:
 * the file differs only in the route line, and read back it is the damaged config with "b" moved to the front of
 * the route. Prints a table. Usage: java -cp JAR ConfigFuzz.java JAR [SECONDS_BOUND]
 */
public class ConfigFuzz {
    static final String VALID = """
            [upstreams.a]
            family = "anthropic"
            base_url = "https://api.anthropic.com"
            auth = "passthrough"

            [upstreams.b]
            family = "anthropic"
            base_url = "https://b.example"
            auth = "passthrough"

            [sessions.main]
            port = 18781
            route = ["a", "b"]
            """;

    /** @param mayStayValid the damage is random, so the text may still be a valid config */
    record Case(String name, byte[] text, boolean wantsLine, boolean mayStayValid) {
        Case(String name, byte[] text, boolean wantsLine) {
            this(name, text, wantsLine, false);
        }
    }

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        long deadline = System.nanoTime() + (args.length > 1 ? Long.parseLong(args[1]) : 240) * 1_000_000_000L;
        Path dir = Files.createTempDirectory("detour-fuzz-config");
        String rerouted = VALID.replace("route = [\"a\", \"b\"]", "route = [\"b\", \"a\"]");
        if (!rerouted(VALID, rerouted).isEmpty() || rerouted(VALID, VALID).isEmpty()
                || rerouted(VALID, rerouted.replace("18781", "18782")).isEmpty()) {
            System.out.println("fuzz-config: the check of a still-valid config is broken: FAIL");
            System.exit(1);
        }
        List<Case> cases = cases();
        int pass = 0, fail = 0, stillValid = 0;
        System.out.printf("%-34s %4s %5s %9s  %s%n", "case", "exit", "line", "identical", "message (F = the file)");
        for (Case c : cases) {
            if (System.nanoTime() > deadline) {
                System.out.println("time bound reached");
                break;
            }
            Path file = dir.resolve(c.name().replaceAll("[^A-Za-z0-9]+", "-") + ".toml");
            Files.write(file, c.text());
            ProcessBuilder pb = new ProcessBuilder("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss1m",
                    "-Xmx256m", "-jar", jar, "reroute", "main", "--to", "b", "--config", file.toString());
            pb.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
            Path output = dir.resolve("out.txt");
            pb.redirectErrorStream(true).redirectOutput(output.toFile());
            Process p = pb.start();
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            int exit = done ? p.exitValue() : -1;
            if (!done) {
                p.destroyForcibly().waitFor();
            }
            byte[] out = Files.readAllBytes(output);
            String text = new String(out, StandardCharsets.UTF_8).strip();
            String first = text.lines().filter(l -> l.startsWith("detour: ") && !l.startsWith("detour: warning")).findFirst().orElse(text);
            boolean named = first.startsWith("detour: " + file);
            boolean line = first.matches("detour: " + java.util.regex.Pattern.quote(file.toString()) + ":\\d+: .*");
            boolean identical = Arrays.equals(c.text(), Files.readAllBytes(file));
            boolean trace = text.contains("\tat ") || text.contains("Exception in thread");
            boolean ok = exit == 2 && named && (line || !c.wantsLine()) && identical && !trace;
            String shown = first.replace(file.toString(), "F");
            if (exit == 0 && c.mayStayValid()) {
                String verdict = rerouted(new String(c.text(), StandardCharsets.UTF_8), Files.readString(file));
                ok = verdict.isEmpty() && !trace;
                shown = ok ? "damage left a valid config: rerouted, only the route line changed" : verdict;
                stillValid += ok ? 1 : 0;
            }
            if (ok) {
                pass++;
            } else {
                fail++;
            }
            System.out.printf("%-34s %4d %5s %9s  %s%s%n", c.name(), exit, line ? "yes" : c.wantsLine() ? "MISSING" : "-",
                    identical ? "yes" : exit == 0 && c.mayStayValid() ? "route" : "NO", shown.substring(0, Math.min(90, shown.length())), ok ? "" : "   <-- FAIL");
        }
        System.out.println();
        System.out.printf("%-34s %d%n", "cases", cases.size());
        System.out.printf("%-34s %d%n", "exit 2, file(:line), file unchanged", pass - stillValid);
        System.out.printf("%-34s %d%n", "damage left a valid config: rerouted", stillValid);
        System.out.printf("%-34s %d%n", "failed", fail);
        System.out.println(fail == 0 ? "fuzz-config: PASS" : "fuzz-config: FAIL");
        System.exit(fail == 0 ? 0 : 1);
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(text("arrays nested 1000 deep", VALID + "x = " + "[".repeat(1000) + "]".repeat(1000) + "\n", true));
        c.add(text("arrays nested 100000 deep", VALID + "x = " + "[".repeat(100_000) + "]".repeat(100_000) + "\n", true));
        c.add(text("inline tables nested 5000 deep", VALID + "x = " + "{a=".repeat(5000) + "1" + "}".repeat(5000) + "\n", true));
        c.add(text("nesting inside a session", VALID.replace("route = [\"a\", \"b\"]", "route = " + "[".repeat(3000) + "]".repeat(3000)), true));
        c.add(text("huge file (3 MiB of comments)", VALID + ("# " + "c".repeat(98) + "\n").repeat(32 * 1024), false));
        c.add(text("huge value (200 KiB string)", VALID + "[settings]\nx = \"" + "v".repeat(200_000) + "\"\n", true));
        c.add(text("huge array (50000 entries)", VALID.replace("route = [\"a\", \"b\"]", "route = [" + "\"a\", ".repeat(50_000) + "]"), true));
        byte[] binary = new byte[4096];
        new Random(7).nextBytes(binary);
        c.add(new Case("binary (random bytes)", binary, false));
        c.add(new Case("invalid UTF-8 in a value", concat(VALID.replace("https://b.example", "https://b.ex").getBytes(StandardCharsets.UTF_8),
                new byte[]{'#', ' ', (byte) 0xC3, (byte) 0x28, '\n'}), false));
        c.add(text("NUL in a key", VALID.replace("family", "fam\0ily"), true));
        c.add(text("unicode key (RTL, emoji)", VALID.replace("[upstreams.b]", "[upstreams.\u202Eb\uD83D\uDCA5]"), true));
        c.add(text("unicode escapes", VALID.replace("https://b.example", "https://b.example\\u0000\\uD800"), true));
        c.add(text("BOM at the start", "\uFEFF" + VALID, true));
        c.add(text("duplicate table", VALID + "\n[upstreams.a]\nfamily = \"anthropic\"\n", true));
        c.add(text("duplicate key", VALID.replace("port = 18781", "port = 18781\nport = 18782"), true));
        c.add(text("duplicate table far apart", VALID + "\n" + ("# pad " + "p".repeat(90) + "\n").repeat(200) + "[sessions.main]\nport = 1\n", true));
        c.add(text("table redefines a value", VALID + "\n[sessions.main.route]\nx = 1\n", true));
        c.add(text("dotted keys", VALID.replace("port = 18781", "a.b.c = 18781"), true));
        c.add(text("array of tables", VALID.replace("[sessions.main]", "[[sessions.main]]"), true));
        c.add(text("unterminated string", VALID.replace("\"https://b.example\"", "\"https://b.example"), true));
        c.add(text("unterminated multi-line string", VALID + "x = \"\"\"never ends\n", true));
        c.add(text("plain http to 127.attacker", VALID.replace("https://b.example", "http://127.attacker.example"), true));
        c.add(text("CR only line ends", VALID.replace("\n", "\r"), true));
        Random random = new Random(42);
        for (int i = 0; i < 12; i++) {
            StringBuilder damaged = new StringBuilder(VALID);
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                int at = random.nextInt(damaged.length());
                char ch = "[]{}\"'=#,.\\\n\u0000\u00e9".charAt(random.nextInt(14));
                if (random.nextBoolean()) {
                    damaged.insert(at, ch);
                } else {
                    damaged.deleteCharAt(at);
                }
            }
            c.add(new Case("random damage #" + (i + 1), damaged.toString().getBytes(StandardCharsets.UTF_8), false, true));
        }
        return c;
    }

    /**
     * Why {@code after} is not the reroute of main to "b" in the config {@code before}: empty when it is. TOML4J must
     * read {@code before} (else detour accepted text that is not TOML); the two differ only in route lines; read
     * back, {@code after} is {@code before} with "b" moved to the front of sessions.main.route.
     */
    @SuppressWarnings("unchecked")
    static String rerouted(String before, String after) {
        Map<String, Object> was;
        Map<String, Object> now;
        try {
            was = new com.moandjiezana.toml.Toml().read(before).toMap();
            now = new com.moandjiezana.toml.Toml().read(after).toMap();
        } catch (RuntimeException notToml) {
            return "exit 0, but TOML4J rejects the text: " + notToml.getMessage();
        }
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        if (a.size() != b.size()) {
            return "exit 0, but the file gained or lost lines";
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i)) && !a.get(i).strip().startsWith("route")) {
                return "exit 0, but line " + (i + 1) + " changed, which is not a route line";
            }
        }
        Object sessions = was.get("sessions");
        Object main = sessions instanceof Map<?, ?> m ? m.get("main") : null;
        Object route = main instanceof Map<?, ?> m ? m.get("route") : null;
        if (!(route instanceof List<?> list)) {
            return "exit 0, but the damaged config has no sessions.main.route";
        }
        List<Object> expected = new ArrayList<>(list);
        expected.remove("b");
        expected.add(0, "b");
        Map<String, Object> expectedMain = new LinkedHashMap<>((Map<String, Object>) main);
        expectedMain.put("route", expected);
        Map<String, Object> expectedSessions = new LinkedHashMap<>((Map<String, Object>) sessions);
        expectedSessions.put("main", expectedMain);
        Map<String, Object> expectedAll = new LinkedHashMap<>(was);
        expectedAll.put("sessions", expectedSessions);
        return expectedAll.equals(now) ? "" : "exit 0, but read back the config is not the rerouted one: " + now;
    }

    static Case text(String name, String text, boolean wantsLine) {
        return new Case(name, text.getBytes(StandardCharsets.UTF_8), wantsLine);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
