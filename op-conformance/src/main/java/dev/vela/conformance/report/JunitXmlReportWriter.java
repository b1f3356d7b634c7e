package dev.vela.conformance.report;

import java.util.Locale;

/**
 * Writes a {@link ConformanceReport} in the JUnit XML format CI servers read: one test suite,
 * one test case per (claim, check), with {@code classname} the claim.
 */
public final class JunitXmlReportWriter {

    private JunitXmlReportWriter() {}

    /**
     * @param report the report
     * @return the XML document
     */
    public static String write(ConformanceReport report) {
        long tests = report.claims().stream().mapToLong(c -> c.checks().size()).sum();
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuite name=\"")
                .append(Escaping.xml("vela-conformance." + report.providerId()))
                .append('"')
                .append(" tests=\"")
                .append(tests)
                .append('"')
                .append(" failures=\"")
                .append(report.count(CheckStatus.FAILED))
                .append('"')
                .append(" errors=\"")
                .append(report.count(CheckStatus.ERROR))
                .append('"')
                .append(" skipped=\"")
                .append(report.count(CheckStatus.SKIPPED))
                .append('"')
                .append(" time=\"")
                .append(seconds(report.durationMillis()))
                .append('"')
                .append(" timestamp=\"")
                .append(Escaping.xml(report.startedAt().toString()))
                .append("\">\n");
        sb.append("  <properties>\n");
        property(sb, "seed", Long.toString(report.seed()));
        property(sb, "tries", Integer.toString(report.tries()));
        property(sb, "engineVersion", report.engineVersion());
        property(sb, "tolerancePolicy", report.policyVersion() + " (" + report.profile() + ")");
        property(
                sb,
                "provider",
                report.providerId() + " " + report.providerVersion() + " by " + report.providerVendor());
        sb.append("  </properties>\n");
        for (ClaimReport claim : report.claims()) {
            for (CheckResult r : claim.checks()) {
                sb.append("  <testcase classname=\"")
                        .append(Escaping.xml(claim.claim().toString()))
                        .append("\" name=\"")
                        .append(Escaping.xml(r.checkId()))
                        .append("\" time=\"")
                        .append(seconds(r.durationMillis()))
                        .append('"');
                switch (r.status()) {
                    case PASSED -> sb.append("/>\n");
                    case SKIPPED ->
                        sb.append(">\n    <skipped message=\"")
                                .append(Escaping.xml(r.message()))
                                .append("\"/>\n  </testcase>\n");
                    case FAILED, ERROR -> {
                        String tag = r.status() == CheckStatus.FAILED ? "failure" : "error";
                        sb.append(">\n    <")
                                .append(tag)
                                .append(" message=\"")
                                .append(Escaping.xml(firstLine(r.message())))
                                .append("\" type=\"")
                                .append(r.checkId())
                                .append("\">")
                                .append(Escaping.xml(r.details()))
                                .append("</")
                                .append(tag)
                                .append(">\n  </testcase>\n");
                    }
                    default -> throw new IllegalStateException(r.status().toString());
                }
            }
        }
        sb.append("</testsuite>\n");
        return sb.toString();
    }

    private static void property(StringBuilder sb, String name, String value) {
        sb.append("    <property name=\"")
                .append(Escaping.xml(name))
                .append("\" value=\"")
                .append(Escaping.xml(value))
                .append("\"/>\n");
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
