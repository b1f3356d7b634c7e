package dev.vela.conformance.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a report in all three formats into a directory. */
public final class ReportFiles {

    /** The system property naming the directory the JUnit entry point writes reports into. */
    public static final String DIRECTORY_PROPERTY = "vela.conformance.reportDir";

    private ReportFiles() {}

    /**
     * @param report the report
     * @param directory created if missing
     * @return the files written: {@code conformance-<provider>.json}, {@code .xml} (JUnit), {@code .html}
     * @throws IOException if writing fails
     */
    public static List<Path> write(ConformanceReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        String base = "conformance-" + report.providerId();
        Path json = directory.resolve(base + ".json");
        Path xml = directory.resolve("TEST-" + base + ".xml");
        Path html = directory.resolve(base + ".html");
        Files.writeString(json, JsonReportWriter.write(report), StandardCharsets.UTF_8);
        Files.writeString(xml, JunitXmlReportWriter.write(report), StandardCharsets.UTF_8);
        Files.writeString(html, HtmlReportWriter.write(report), StandardCharsets.UTF_8);
        return List.of(json, xml, html);
    }
}
