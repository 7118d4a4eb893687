package dev.detour.config;

import dev.detour.route.RouteChanges;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random but valid ways people format the same config (indentation, spacing, quote styles, trailing comments,
 * multi-line routes with comments inside, comment lines of their own after any key), each hit by random reroutes and flips: the result always re-parses to
 * the intended model, every comment survives, and every key other than the changed routes keeps its exact text.
 */
class ConfigWriterLayoutPropertyTest {
    private static final int DOCUMENTS = PropertyRuns.of(60);
    private static final Path FILE = Path.of("layout.toml");
    private static final List<String[]> UPSTREAMS = List.of(
            new String[]{"anthropic", "anthropic", "https://api.anthropic.com", "passthrough"},
            new String[]{"corp", "anthropic", "https://corp.example:8766", "env:CORP_KEY"},
            new String[]{"openai", "openai", "https://api.openai.com/v1", "env:OPENAI_API_KEY"},
            new String[]{"local", "openai", "http://127.0.0.1:4000/v1", "env:LOCAL_KEY"});

    @Test
    void randomLayoutsSurviveRandomRouteChanges() throws Exception {
        Random random = new Random(42L);
        for (int doc = 0; doc < DOCUMENTS; doc++) {
            String text = randomDocument(random);
            Config model = ConfigLoader.parse(FILE, text).config();
            for (int step = 0; step < 8; step++) {
                List<String> sessions = new ArrayList<>(model.sessions().keySet());
                String session = sessions.get(random.nextInt(sessions.size()));
                Config intended = random.nextBoolean()
                        ? RouteChanges.reroute(model, session, UPSTREAMS.get(random.nextInt(UPSTREAMS.size()))[0])
                        : RouteChanges.flipFamily(model, session);
                String next = intended.equals(model) ? text : ConfigWriter.render(FILE, text, model, intended);
                String context = "document " + doc + " step " + step + ":\n" + text;
                assertEquals(intended, ConfigLoader.parse(FILE, next).config(), context);
                assertEquals(comments(text), comments(next), context);
                assertEquals(nonRouteValues(text), nonRouteValues(next), context);
                text = next;
                model = intended;
            }
        }
    }

    /** Every comment of the text (outside strings), sorted: reordering a multi-line route moves its comments. */
    private static List<String> comments(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.lines().toList()) {
            char quote = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '#') {
                    out.add(line.substring(i));
                    break;
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static Map<List<String>, String> nonRouteValues(String text) throws Exception {
        TomlLayout layout = TomlLayout.scan(text);
        Map<List<String>, String> out = new LinkedHashMap<>();
        for (TomlLayout.Entry e : layout.entries()) {
            if (!e.key().equals("route")) {
                out.put(e.path(), text.substring(e.lineStart(), e.lineEnd()));
            }
        }
        return out;
    }

    private static String randomDocument(Random r) {
        StringBuilder out = new StringBuilder();
        if (r.nextBoolean()) {
            out.append("# detour config, formatted by hand\n\n");
        }
        for (String[] u : UPSTREAMS) {
            out.append("[upstreams.").append(u[0]).append(']').append(comment(r)).append('\n');
            String indent = r.nextInt(3) == 0 ? "  " : "";
            out.append(indent).append("family").append(eq(r)).append(quote(r, u[1])).append(comment(r)).append('\n');
            if (r.nextInt(4) == 0) {
                out.append("# the endpoint\n");
            }
            out.append(indent).append("base_url").append(eq(r)).append(quote(r, u[2])).append(comment(r)).append('\n');
            out.append(indent).append("auth").append(eq(r)).append(quote(r, u[3])).append(comment(r)).append('\n');
            out.append(r.nextBoolean() ? "\n" : "");
        }
        int sessions = 1 + r.nextInt(3);
        for (int s = 0; s < sessions; s++) {
            out.append("[sessions.s").append(s).append("]").append(comment(r)).append('\n');
            List<String> route = new ArrayList<>();
            for (String[] u : UPSTREAMS) {
                if (r.nextBoolean() || route.isEmpty() && u == UPSTREAMS.get(UPSTREAMS.size() - 1)) {
                    route.add(u[0]);
                }
            }
            java.util.Collections.shuffle(route, r);
            List<String> lines = new ArrayList<>();
            lines.add("port" + eq(r) + (8781 + s) + comment(r));
            lines.add("route" + eq(r) + routeText(r, route) + comment(r));
            if (r.nextBoolean()) {
                lines.add("failover" + eq(r) + quote(r, List.of("off", "same-family", "any").get(r.nextInt(3))) + comment(r));
            }
            java.util.Collections.shuffle(lines, r);
            for (String line : lines) {
                out.append(line).append('\n');
                if (r.nextInt(3) == 0) {
                    out.append("# about the line above ").append(r.nextInt(100)).append('\n');
                }
            }
            out.append(r.nextBoolean() ? "\n" : "");
        }
        return out.toString();
    }

    private static String routeText(Random r, List<String> route) {
        List<String> items = route.stream().map(name -> quote(r, name)).toList();
        return switch (r.nextInt(3)) {
            case 0 -> "[" + String.join(", ", items) + "]";
            case 1 -> "[ " + String.join(" , ", items) + " ]";
            default -> "[\n" + String.join(",\n", items.stream().map(i -> "    " + i + (r.nextBoolean() ? "  # why" : "")).toList())
                    + (r.nextBoolean() ? "," : "") + "\n]";
        };
    }

    private static String eq(Random r) {
        return List.of(" = ", "=", "  =  ", " =\t").get(r.nextInt(4));
    }

    private static String quote(Random r, String s) {
        return r.nextBoolean() ? "\"" + s + "\"" : "'" + s + "'";
    }

    private static String comment(Random r) {
        return r.nextInt(3) == 0 ? "   # note " + r.nextInt(100) : "";
    }
}
