import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the table of one or more PIT runs from their mutations.xml.
 * Usage: java MutationTable.java [--survivors] NAME=REPORT_DIR[,REPORT_DIR...]...
 * Several folders for one name are merged: a mutant (same class, method, line, mutator, index) counts as killed
 * if any of the runs killed it, so a narrowed run after new tests adds to the package's last full run.
 * One table per package (a row per class, then the package total), then one row per package,
 * and a last line "mutation: N killed of M (P%)". Killed counts every detected mutant
 * (killed, timed out, out of memory, run error), as PIT's own score does; TIMEOUT shows how many of
 * them were detected only by a timeout (a loop that no longer ends), so a load spike that stretches
 * a test past PIT's timeout can be told apart.
 */
public final class MutationTable {
    record Tally(int[] counts) {
        Tally() { this(new int[4]); }
        void add(boolean detected, boolean covered, boolean timedOut) {
            counts[0]++;
            if (detected) counts[1]++;
            if (!covered) counts[2]++;
            if (timedOut) counts[3]++;
        }
        void add(Tally other) {
            for (int i = 0; i < counts.length; i++) counts[i] += other.counts[i];
        }
        int total() { return counts[0]; }
        int killed() { return counts[1]; }
        int noCoverage() { return counts[2]; }
        int timedOut() { return counts[3]; }
        String score() { return total() == 0 ? "-" : Math.round(100.0 * killed() / total()) + "%"; }
    }

    public static void main(String[] args) throws Exception {
        boolean survivors = false;
        Map<String, Tally> packages = new java.util.LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--survivors")) { survivors = true; continue; }
            int eq = arg.indexOf('=');
            String name = arg.substring(0, eq);
            Map<String, Element> mutants = new java.util.LinkedHashMap<>();
            boolean missing = false;
            for (String dir : arg.substring(eq + 1).split(",")) {
                Path xml = Path.of(dir, "mutations.xml");
                if (!Files.isRegularFile(xml)) {
                    System.out.printf("%n%s: no report (%s missing: PIT failed, see its log)%n", name, xml);
                    missing = true;
                    break;
                }
                Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
                NodeList nodes = doc.getElementsByTagName("mutation");
                for (int i = 0; i < nodes.getLength(); i++) {
                    Element m = (Element) nodes.item(i);
                    String key = String.join("|", text(m, "mutatedClass"), text(m, "mutatedMethod"), text(m, "methodDescription"),
                            text(m, "lineNumber"), text(m, "mutator"), text(m, "indexes"), text(m, "blocks"));
                    Element known = mutants.get(key);
                    if (known == null || !detected(known) && detected(m)) {
                        mutants.put(key, m);
                    }
                }
            }
            if (missing) {
                continue;
            }
            Map<String, Tally> classes = new TreeMap<>();
            List<String> survived = new ArrayList<>();
            for (Element m : mutants.values()) {
                String cls = text(m, "mutatedClass");
                String simple = cls.substring(cls.lastIndexOf('.') + 1);
                String status = m.getAttribute("status");
                boolean detected = detected(m);
                classes.computeIfAbsent(simple, k -> new Tally()).add(detected, !status.equals("NO_COVERAGE"), status.equals("TIMED_OUT"));
                if (!detected) {
                    survived.add(String.format("    %-11s %s:%s %s", status.toLowerCase().replace('_', '-'),
                            text(m, "sourceFile"), text(m, "lineNumber"), text(m, "description")));
                }
            }
            Tally total = new Tally();
            classes.values().forEach(total::add);
            packages.put(name, total);
            System.out.printf("%n%-34s %7s %7s %7s %7s %6s%n", name.toUpperCase(), "MUTANTS", "KILLED", "TIMEOUT", "NO-COV", "SCORE");
            classes.forEach((cls, t) -> row(cls, t));
            row("total", total);
            if (survivors && !survived.isEmpty()) {
                survived.sort(null);
                System.out.println("  not killed:");
                survived.forEach(System.out::println);
            }
        }
        Tally all = new Tally();
        System.out.printf("%n%-34s %7s %7s %7s %7s %6s%n", "PACKAGE", "MUTANTS", "KILLED", "TIMEOUT", "NO-COV", "SCORE");
        packages.forEach((name, t) -> { row(name, t); all.add(t); });
        System.out.printf("mutation: %d killed of %d (%s)%n", all.killed(), all.total(), all.score());
    }

    private static void row(String name, Tally t) {
        System.out.printf("  %-32s %7d %7d %7d %7d %6s%n", name, t.total(), t.killed(), t.timedOut(), t.noCoverage(), t.score());
    }

    private static boolean detected(Element mutation) {
        return Boolean.parseBoolean(mutation.getAttribute("detected"));
    }

    private static String text(Element parent, String tag) {
        NodeList list = parent.getElementsByTagName(tag);
        return list.getLength() == 0 ? "" : list.item(0).getTextContent();
    }
}
