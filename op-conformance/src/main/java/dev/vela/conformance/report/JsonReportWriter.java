package dev.vela.conformance.report;

import java.util.Iterator;
import java.util.Map;

/** Writes a {@link ConformanceReport} as JSON (hand-written, stable key order). */
public final class JsonReportWriter {

    private JsonReportWriter() {}

    /**
     * @param report the report
     * @return the JSON document
     */
    public static String write(ConformanceReport report) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("{\n");
        field(sb, 1, "engineVersion", report.engineVersion());
        sb.append(",\n");
        indent(sb, 1).append("\"provider\": {");
        sb.append("\"id\": ").append(Escaping.json(report.providerId()));
        sb.append(", \"vendor\": ").append(Escaping.json(report.providerVendor()));
        sb.append(", \"version\": ").append(Escaping.json(report.providerVersion()));
        sb.append(", \"spiVersion\": ")
                .append(Escaping.json(report.spiVersion()))
                .append("},\n");
        indent(sb, 1).append("\"seed\": ").append(report.seed()).append(",\n");
        indent(sb, 1).append("\"tries\": ").append(report.tries()).append(",\n");
        indent(sb, 1)
                .append("\"tolerancePolicy\": {\"version\": ")
                .append(Escaping.json(report.policyVersion()))
                .append(", \"profile\": ")
                .append(Escaping.json(report.profile()))
                .append("},\n");
        field(sb, 1, "startedAt", report.startedAt().toString());
        sb.append(",\n");
        indent(sb, 1)
                .append("\"durationMillis\": ")
                .append(report.durationMillis())
                .append(",\n");
        indent(sb, 1).append("\"passed\": ").append(report.passed()).append(",\n");
        indent(sb, 1).append("\"claims\": [");
        for (int i = 0; i < report.claims().size(); i++) {
            ClaimReport claim = report.claims().get(i);
            sb.append(i == 0 ? "\n" : ",\n");
            indent(sb, 2)
                    .append("{\"claim\": ")
                    .append(Escaping.json(claim.claim().toString()))
                    .append(", \"passed\": ")
                    .append(claim.passed())
                    .append(", \"checks\": [");
            for (int j = 0; j < claim.checks().size(); j++) {
                sb.append(j == 0 ? "\n" : ",\n");
                check(sb, claim.checks().get(j));
            }
            sb.append("\n");
            indent(sb, 2).append("]}");
        }
        sb.append("\n");
        indent(sb, 1).append("]\n}\n");
        return sb.toString();
    }

    private static void check(StringBuilder sb, CheckResult r) {
        indent(sb, 3).append("{\"id\": ").append(Escaping.json(r.checkId()));
        sb.append(", \"title\": ").append(Escaping.json(r.title()));
        sb.append(", \"status\": ").append(Escaping.json(r.status().name()));
        sb.append(", \"casesRun\": ").append(r.casesRun());
        sb.append(", \"casesDiscarded\": ").append(r.casesDiscarded());
        sb.append(", \"durationMillis\": ").append(r.durationMillis());
        sb.append(", \"message\": ").append(Escaping.json(r.message()));
        sb.append(", \"labels\": {");
        Iterator<Map.Entry<String, Integer>> it =
                new java.util.TreeMap<>(r.labels()).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Integer> e = it.next();
            sb.append(Escaping.json(e.getKey())).append(": ").append(e.getValue());
            if (it.hasNext()) {
                sb.append(", ");
            }
        }
        sb.append('}');
        r.failure().ifPresent(f -> {
            sb.append(",\n");
            indent(sb, 4).append("\"failure\": {\"message\": ").append(Escaping.json(f.message()));
            sb.append(", \"case\": ").append(Escaping.json(f.caseDescription()));
            sb.append(", \"originalCase\": ").append(Escaping.json(f.originalDescription()));
            sb.append(", \"shrunkSize\": ").append(Escaping.json(f.shrunkSize().toString()));
            sb.append(", \"originalSize\": ")
                    .append(Escaping.json(f.originalSize().toString()));
            sb.append(", \"shrinkSteps\": ").append(f.shrinkSteps());
            sb.append(", \"caseId\": ").append(Escaping.json(f.caseId()));
            sb.append(", \"replay\": ").append(Escaping.json(f.replay())).append('}');
        });
        r.latency().ifPresent(l -> {
            sb.append(",\n");
            indent(sb, 4).append("\"latency\": {\"case\": ").append(Escaping.json(l.caseDescription()));
            sb.append(", \"runs\": ").append(l.runs());
            sb.append(", \"medianMillis\": ").append(Escaping.number(l.medianMillis()));
            sb.append(", \"p90Millis\": ").append(Escaping.number(l.p90Millis()));
            sb.append(", \"referenceMedianMillis\": ").append(Escaping.number(l.referenceMedianMillis()));
            sb.append(", \"referenceP90Millis\": ").append(Escaping.number(l.referenceP90Millis()));
            sb.append(", \"budgetMillis\": ").append(Escaping.number(l.budgetMillis()));
            sb.append(", \"budgetRule\": ")
                    .append(Escaping.json(l.budgetRule()))
                    .append('}');
        });
        sb.append('}');
    }

    private static void field(StringBuilder sb, int level, String key, String value) {
        indent(sb, level).append(Escaping.json(key)).append(": ").append(Escaping.json(value));
    }

    private static StringBuilder indent(StringBuilder sb, int level) {
        return sb.append("  ".repeat(level));
    }
}
