package dev.vela.runtime.suite;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes suite results as the JSON report and the per-op Markdown coverage table. */
public final class SuiteReport {

    private final List<CaseResult> results;

    /** @param results the case results */
    public SuiteReport(List<CaseResult> results) {
        this.results = List.copyOf(results);
    }

    /** @return how many cases have a status */
    public int count(CaseStatus status) {
        return (int) results.stream().filter(r -> r.status() == status).count();
    }

    /** @return one-line summary */
    public String summary() {
        return results.size() + " cases: " + count(CaseStatus.PASSED) + " passed, " + count(CaseStatus.FAILED)
                + " failed, " + count(CaseStatus.UNSUPPORTED) + " unsupported, " + count(CaseStatus.ERROR) + " errors";
    }

    /** @return the JSON report */
    public String toJson() {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"passed\":").append(count(CaseStatus.PASSED))
                .append(",\"failed\":").append(count(CaseStatus.FAILED))
                .append(",\"unsupported\":").append(count(CaseStatus.UNSUPPORTED))
                .append(",\"errors\":").append(count(CaseStatus.ERROR))
                .append(",\"cases\":[");
        for (int i = 0; i < results.size(); i++) {
            CaseResult r = results.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("\n{\"name\":").append(Json.quote(r.name()))
                    .append(",\"op\":").append(Json.quote(r.op()))
                    .append(",\"status\":").append(Json.quote(r.status().label()))
                    .append(",\"detail\":").append(Json.quote(r.detail()))
                    .append('}');
        }
        return sb.append("\n]}\n").toString();
    }

    /** @return the per-op coverage table, sorted by op, with a total row */
    public String toMarkdown() {
        Map<String, int[]> byOp = new TreeMap<>();
        int[] total = new int[5];
        for (CaseResult r : results) {
            int[] row = byOp.computeIfAbsent(r.op(), k -> new int[5]);
            row[0]++;
            row[1 + r.status().ordinal()]++;
            total[0]++;
            total[1 + r.status().ordinal()]++;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("| op | cases | passed | failed | unsupported | error |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        byOp.forEach((op, row) -> appendRow(sb, op.replace("|", "\\|"), row));
        appendRow(sb, "**total**", total);
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, String op, int[] row) {
        sb.append("| ").append(op);
        for (int v : row) {
            sb.append(" | ").append(v);
        }
        sb.append(" |\n");
    }
}
