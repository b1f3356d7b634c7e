package dev.vela.samples.javacpu.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Classifies the mutants pitest left alive against a reviewed list of equivalent ones, so the README's figures can
 * be recomputed after every run (see vendor-samples/docs/mutation-testing.md). Run from the repository root
 * after the pitest profile, with the JDK alone:
 *
 * <pre>
 * java vendor-samples/java-cpu/src/test/java/dev/vela/samples/javacpu/conformance/PitSurvivors.java \
 *      vendor-samples/java-cpu/target/pit-reports/mutations.xml \
 *      vendor-samples/java-cpu/src/test/java/dev/vela/samples/javacpu/conformance/equivalent-mutants.txt
 * </pre>
 *
 * <p>The list holds one reviewed mutant per line: {@code Class.method:line<TAB>mutator description<TAB>reason}
 * (class without its package; {@code #} starts a comment). A surviving mutant matching an entry counts as
 * equivalent; any other survivor is printed as not equivalent, and so is every mutant without coverage. An entry no
 * surviving mutant matches is printed as stale (the code moved or the mutant is now killed): review the list
 * whenever the kernels change, since line numbers move with them.
 *
 * <p>Not a test: it has no test methods and surefire does not run it.
 */
final class PitSurvivors {

    private PitSurvivors() {}

    /** One mutant of the report. */
    record Mutant(String status, String key, String description) {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: PitSurvivors <mutations.xml> <equivalent-mutants.txt>");
            System.exit(2);
        }
        List<Mutant> mutants = read(Path.of(args[0]));
        Map<String, String> equivalent = equivalents(Path.of(args[1]));
        Map<String, Integer> unused = new LinkedHashMap<>();
        equivalent.keySet().forEach(k -> unused.put(k, 0));
        int killed = 0;
        int eq = 0;
        List<Mutant> survivors = new ArrayList<>();
        List<Mutant> uncovered = new ArrayList<>();
        Map<String, List<String>> eqByReason = new TreeMap<>();
        for (Mutant m : mutants) {
            switch (m.status()) {
                case "KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR" -> killed++;
                case "NO_COVERAGE" -> uncovered.add(m);
                default -> {
                    String id = m.key() + "\t" + m.description();
                    if (equivalent.containsKey(id)) {
                        eq++;
                        unused.remove(id);
                        eqByReason
                                .computeIfAbsent(equivalent.get(id), r -> new ArrayList<>())
                                .add(m.key());
                    } else {
                        survivors.add(m);
                    }
                }
            }
        }
        int nonEquivalent = mutants.size() - eq;
        int reached = nonEquivalent - uncovered.size();
        System.out.printf(
                "mutants %d: killed %d (timeouts included), survived equivalent %d, survived not equivalent %d,"
                        + " no coverage %d%n",
                mutants.size(), killed, eq, survivors.size(), uncovered.size());
        System.out.printf(
                "killed / non-equivalent: %d / %d = %.1f %%%n", killed, nonEquivalent, 100.0 * killed / nonEquivalent);
        System.out.printf(
                "killed / non-equivalent reached: %d / %d = %.1f %%%n", killed, reached, 100.0 * killed / reached);
        System.out.println("\n== equivalent, by reason");
        eqByReason.forEach((reason, keys) -> System.out.println(keys.size() + "  " + reason + "  " + keys));
        System.out.println("\n== survived, not equivalent (not in the reviewed list)");
        survivors.forEach(m -> System.out.println(m.key() + "\t" + m.description()));
        System.out.println("\n== no coverage");
        uncovered.forEach(m -> System.out.println(m.key() + "\t" + m.description()));
        if (!unused.isEmpty()) {
            System.out.println("\n== stale entries of the equivalent list (no surviving mutant matches them)");
            unused.keySet().forEach(System.out::println);
        }
    }

    static List<Mutant> read(Path xml) throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        NodeList list = doc.getElementsByTagName("mutation");
        List<Mutant> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            String cls = text(e, "mutatedClass");
            String simple = cls.substring(cls.lastIndexOf('.') + 1);
            String key = simple + "." + text(e, "mutatedMethod") + ":" + text(e, "lineNumber");
            out.add(new Mutant(e.getAttribute("status"), key, text(e, "description")));
        }
        return out;
    }

    private static String text(Element e, String tag) {
        return e.getElementsByTagName(tag).item(0).getTextContent().trim();
    }

    static Map<String, String> equivalents(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 3) {
                throw new IllegalArgumentException("expected key<TAB>description<TAB>reason: " + line);
            }
            out.put(f[0] + "\t" + f[1], f[2]);
        }
        return out;
    }
}
