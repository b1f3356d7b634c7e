package dev.vela.maven;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reports of a run that did not complete (crash, exit, hang): the kit wrote none, so the gate
 * writes a text file, a JSON file and a one-case JUnit XML file naming where the run ended, so CI
 * shows the failure like any other.
 */
final class FailureReport {

    /** The text report's file name. */
    static final String TEXT = "certification-failure.txt";

    private FailureReport() {}

    /**
     * @param dir the output directory
     * @param outcome how the fork ended
     * @param seed the run's seed
     * @throws IOException if writing fails
     */
    static void write(Path dir, ForkOutcome outcome, long seed) throws IOException {
        String text = "vela:certify did not complete: " + outcome.describe() + "\nseed: " + seed + "\n";
        Files.writeString(dir.resolve(TEXT), text, StandardCharsets.UTF_8);
        StringWriter json = new StringWriter();
        try (JsonWriter w = new JsonWriter(json)) {
            w.beginObject()
                    .name("completed")
                    .value(false)
                    .name("kind")
                    .value(outcome.kind().toString())
                    .name("exitCode")
                    .value(outcome.exitCode())
                    .name("where")
                    .value(outcome.where())
                    .name("detail")
                    .value(outcome.detail())
                    .name("seed")
                    .value(seed)
                    .endObject();
        }
        json.append('\n');
        Files.writeString(dir.resolve("certification-failure.json"), json.toString(), StandardCharsets.UTF_8);
        String name = outcome.where().isEmpty() ? "fork" : outcome.where();
        String xml =
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"vela-certify\" tests=\"1\" failures=\"0\""
                        + " errors=\"1\" skipped=\"0\">\n  <testcase classname=\"vela.certify\" name=\""
                        + xmlEscape(name) + "\">\n"
                        + "    <error type=\"" + outcome.kind() + "\" message=\""
                        + xmlEscape(outcome.describe().lines().findFirst().orElse("")) + "\">"
                        + xmlEscape(outcome.describe()) + "</error>\n  </testcase>\n</testsuite>\n";
        Files.writeString(dir.resolve("TEST-vela-certify.xml"), xml, StandardCharsets.UTF_8);
    }

    private static String xmlEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
