package dev.vela.conformance.report;

import java.util.Map;

/** Writes a {@link ConformanceReport} as one self-contained HTML page (inline styles, no scripts, every text escaped). */
public final class HtmlReportWriter {

    private HtmlReportWriter() {}

    /**
     * @param report the report
     * @return the HTML document
     */
    public static String write(ConformanceReport report) {
        StringBuilder sb = new StringBuilder(8192);
        String title = "Vela conformance: " + report.providerId() + " " + report.providerVersion();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Escaping.xml(title))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin-bottom:1.5em;width:100%}")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}")
                .append("th{background:#f3f3f3}pre{margin:0;white-space:pre-wrap;font-size:90%}")
                .append(
                        ".PASSED{background:#e6f4ea}.FAILED{background:#fde7e9}.ERROR{background:#fbe3c9}.SKIPPED{background:#eee}")
                .append(".verdict{font-size:120%;font-weight:bold}\n</style>\n</head>\n<body>\n");
        sb.append("<h1>").append(Escaping.xml(title)).append("</h1>\n");
        sb.append("<p class=\"verdict ")
                .append(report.passed() ? "PASSED" : "FAILED")
                .append("\">")
                .append(report.passed() ? "PASSED" : "FAILED")
                .append(" &mdash; ")
                .append(Escaping.xml(report.summary()))
                .append("</p>\n");
        sb.append("<table>\n");
        row(
                sb,
                "Provider",
                report.providerId() + " " + report.providerVersion() + " by " + report.providerVendor() + " (SPI "
                        + report.spiVersion() + ")");
        row(sb, "Engine", report.engineVersion());
        row(sb, "Seed", Long.toString(report.seed()));
        row(sb, "Tries per check", Integer.toString(report.tries()));
        row(sb, "Tolerance policy", report.policyVersion() + ", profile " + report.profile());
        row(sb, "Started", report.startedAt().toString());
        row(sb, "Duration", report.durationMillis() + " ms");
        sb.append("</table>\n");
        for (ClaimReport claim : report.claims()) {
            sb.append("<h2 class=\"")
                    .append(claim.passed() ? "PASSED" : "FAILED")
                    .append("\">")
                    .append(Escaping.xml(claim.claim().toString()))
                    .append("</h2>\n");
            sb.append("<table>\n<tr><th>Check</th><th>Status</th><th>Cases</th><th>Details</th></tr>\n");
            for (CheckResult r : claim.checks()) {
                sb.append("<tr class=\"")
                        .append(r.status().name())
                        .append("\"><td><b>")
                        .append(Escaping.xml(r.checkId()))
                        .append("</b><br>")
                        .append(Escaping.xml(r.title()))
                        .append("</td><td>")
                        .append(r.status().name())
                        .append("</td><td>")
                        .append(r.casesRun())
                        .append(" run");
                if (r.casesDiscarded() > 0) {
                    sb.append(", ").append(r.casesDiscarded()).append(" discarded");
                }
                sb.append(labels(r.labels()))
                        .append("</td><td><pre>")
                        .append(Escaping.xml(details(r)))
                        .append("</pre></td></tr>\n");
            }
            sb.append("</table>\n");
        }
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static String details(CheckResult r) {
        if (r.status() == CheckStatus.PASSED && r.latency().isEmpty()) {
            return r.message();
        }
        return r.details();
    }

    private static String labels(Map<String, Integer> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<br><small>");
        new java.util.TreeMap<>(labels)
                .forEach((k, v) ->
                        sb.append(Escaping.xml(k)).append(": ").append(v).append("<br>"));
        return sb.append("</small>").toString();
    }

    private static void row(StringBuilder sb, String key, String value) {
        sb.append("<tr><th>")
                .append(Escaping.xml(key))
                .append("</th><td>")
                .append(Escaping.xml(value))
                .append("</td></tr>\n");
    }
}
