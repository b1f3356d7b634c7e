package dev.vela.maven;

import dev.vela.maven.fork.ResultFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The console summary: one row per (provider, claim), one column per check ({@code pass},
 * {@code FAIL}, {@code ERR}, {@code skip}), the latency median against its budget, and the
 * gate's decision; then one line per finding.
 */
final class SummaryTable {

    private SummaryTable() {
    }

    /**
     * @param verdicts the decisions
     * @param checks the checks, as columns
     * @return the table's lines
     */
    static List<String> render(List<ClaimVerdict> verdicts, List<String> checks) {
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("op/dtype/layout"));
        header.addAll(checks);
        header.add("latency ms (median/budget)");
        header.add("verdict");
        rows.add(header.toArray(String[]::new));
        boolean several = verdicts.stream().map(ClaimVerdict::providerId).distinct().count() > 1;
        for (ClaimVerdict v : verdicts) {
            List<String> row = new ArrayList<>();
            row.add(several ? v.providerId() + ": " + v.claim() : v.claim());
            for (String c : checks) {
                row.add(v.result(c).map(SummaryTable::cell).orElse("-"));
            }
            row.add(v.result("latency").filter(r -> r.medianMs() >= 0)
                    .map(r -> String.format(Locale.ROOT, "%.3f/%.3f%s", r.medianMs(), r.budgetMs(),
                            r.medianMs() > r.budgetMs() ? " OVER" : ""))
                    .orElse("-"));
            row.add(v.status().label());
            rows.add(row.toArray(String[]::new));
        }
        int[] width = new int[header.size()];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < rows.size(); n++) {
            StringBuilder sb = new StringBuilder();
            String[] r = rows.get(n);
            for (int i = 0; i < r.length; i++) {
                sb.append(i == 0 ? "" : " | ").append(String.format("%-" + width[i] + "s", r[i]));
            }
            lines.add(sb.toString().stripTrailing());
            if (n == 0) {
                StringBuilder rule = new StringBuilder();
                for (int i = 0; i < width.length; i++) {
                    rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
                }
                lines.add(rule.toString());
            }
        }
        return lines;
    }

    /**
     * @param verdicts the decisions
     * @return one line per failed check and per claim not certified, with the kit's message
     */
    static List<String> findings(List<ClaimVerdict> verdicts) {
        List<String> out = new ArrayList<>();
        for (ClaimVerdict v : verdicts) {
            for (ResultFile.Result r : v.results()) {
                if (r.failed()) {
                    out.add(r.status() + " " + v.claim() + "#" + r.check() + ": " + r.message());
                }
            }
            switch (v.status()) {
                case NO_GENERATOR -> out.add("NOT CERTIFIED " + v.claim() + ": the kit has no case generator (or reference "
                        + "kernel) for it yet, so it is not in the certificate");
                case NOT_EXERCISED -> out.add("NOT CERTIFIED " + v.claim() + ": no generated case was exercised "
                        + v.result("numerics").map(r -> "(" + r.message() + ")").orElse(""));
                case OUTSIDE_PROFILE -> out.add("NOT CERTIFIED " + v.claim() + ": outside the certification profile");
                default -> { }
            }
        }
        return out;
    }

    private static String cell(ResultFile.Result r) {
        return switch (r.status()) {
            case "PASSED" -> "pass";
            case "FAILED" -> "FAIL";
            case "ERROR" -> "ERR";
            default -> "skip";
        };
    }
}
