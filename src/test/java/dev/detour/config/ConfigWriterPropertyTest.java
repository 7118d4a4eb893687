package dev.detour.config;

import dev.detour.route.RouteChanges;
import dev.detour.route.RouteException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random sequences of reroutes, family flips, family sets and new sessions on the shipped config: after every step
 * the file re-parses to exactly the intended model, keeps every comment line in order, and differs from the
 * original only in route lines and appended session tables. A refused step leaves the file byte-identical.
 */
class ConfigWriterPropertyTest {
    private static final long SEED = 20261129L;
    private static final int STEPS = PropertyRuns.of(200);

    @TempDir
    Path dir;

    @Test
    void randomRouteChangesOnTheShippedConfigWithItsExamples() throws Exception {
        run(TestConfigs.shippedWithExamples(), new Random(SEED));
    }

    @Test
    void randomRouteChangesOnTheShippedConfigAsShipped() throws Exception {
        run(TestConfigs.shipped(), new Random(SEED + 1));
    }

    private void run(String original, Random random) throws Exception {
        Path file = TestConfigs.write(dir, "detour.toml", original, "rw-r-----");
        Config expected = ConfigLoader.load(file).config();
        List<String> comments = comments(original);
        int refused = 0;
        int added = 0;
        for (int step = 0; step < STEPS; step++) {
            List<String> sessions = new ArrayList<>(expected.sessions().keySet());
            List<String> upstreams = new ArrayList<>(expected.upstreams().keySet());
            String session = random.nextInt(10) == 0 ? "no-such-session" : sessions.get(random.nextInt(sessions.size()));
            UnaryOperator<Config> change;
            String what;
            switch (random.nextInt(added < 3 ? 4 : 3)) {
                case 0 -> {
                    String upstream = random.nextInt(12) == 0 ? "no-such-upstream" : upstreams.get(random.nextInt(upstreams.size()));
                    change = c -> RouteChanges.reroute(c, session, upstream);
                    what = "reroute " + session + " --to " + upstream;
                }
                case 1 -> {
                    change = c -> RouteChanges.flipFamily(c, session);
                    what = "family " + session;
                }
                case 2 -> {
                    Family family = Family.values()[random.nextInt(2)];
                    change = c -> RouteChanges.setFamily(c, session, family);
                    what = "family " + session + " --to " + family.wireName();
                }
                default -> {
                    String name = "extra-" + added++;
                    List<String> route = new ArrayList<>(upstreams.subList(0, 1 + random.nextInt(upstreams.size())));
                    java.util.Collections.shuffle(route, random);
                    Session s = new Session(name, 9000 + added, route, Failover.values()[random.nextInt(3)]);
                    change = c -> c.withSession(s);
                    what = "add session " + name;
                }
            }
            String context = "step " + step + ": " + what;
            Config intended;
            try {
                intended = change.apply(expected);
            } catch (RouteException e) {
                byte[] before = Files.readAllBytes(file);
                assertThrows(RouteException.class, () -> ConfigWriter.update(file, change), context);
                assertArrayEquals(before, Files.readAllBytes(file), context + ": a refused change writes nothing");
                refused++;
                continue;
            }
            ConfigChange result = ConfigWriter.update(file, change);
            assertEquals(intended, result.after(), context);
            String text = Files.readString(file);
            assertEquals(intended, ConfigLoader.load(file).config(), context + ": the file re-parses to the intended model");
            assertEquals(comments, comments(text), context + ": every comment line is kept, in order");
            assertOnlyRoutesAndNewTablesDiffer(original, text, context);
            expected = intended;
        }
        assertTrue(refused > 0, "the sequence included refused changes");
        assertTrue(refused < STEPS, "the sequence included accepted changes");
    }

    private static List<String> comments(String text) {
        return text.lines().filter(line -> line.strip().startsWith("#")).toList();
    }

    /** The file is the original with some route lines replaced, plus session tables appended after the last one. */
    private static void assertOnlyRoutesAndNewTablesDiffer(String original, String now, String context) {
        List<String> a = original.lines().toList();
        List<String> b = now.lines().toList();
        int j = 0;
        for (int i = 0; i < a.size(); i++, j++) {
            while (j < b.size() && !sameOrRoute(a.get(i), b.get(j))) {
                assertTrue(isAppendedSessionLine(b.get(j)), context + ": unexpected line " + (j + 1) + ": " + b.get(j));
                j++;
            }
            assertTrue(j < b.size(), context + ": original line " + (i + 1) + " is gone: " + a.get(i));
        }
        for (; j < b.size(); j++) {
            assertTrue(isAppendedSessionLine(b.get(j)), context + ": unexpected line " + (j + 1) + ": " + b.get(j));
        }
    }

    private static boolean sameOrRoute(String before, String after) {
        return before.equals(after) || before.startsWith("route = [") && after.startsWith("route = [");
    }

    private static boolean isAppendedSessionLine(String line) {
        return line.isEmpty() || line.startsWith("[sessions.extra-") || line.startsWith("port = ")
                || line.startsWith("route = [") || line.startsWith("failover = ");
    }
}
