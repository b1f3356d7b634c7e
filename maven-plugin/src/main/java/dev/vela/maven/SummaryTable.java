package dev.vela.maven;

import dev.vela.maven.fork.ResultFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The console summary: one row per (provider, claim), one column per check ({@code pass},
 * {@code FAIL}, {@code ERR}, {@code skip}), the latency median against its budget, and the
 * gate's decision; then one line per finding. Above a row limit, certified claims of one operator
 * share a row (a plugin claiming the whole reference set has over a thousand claims), while failed
 * claims keep their own rows.
 */
final class SummaryTable {

    /** Column headers short enough for a terminal; {@link #legend} spells them out. */
    private static final Map<String, String> SHORT = Map.of(
            "output-types",
            "types",
            "inputs-unchanged",
            "inputs",
            "output-bounds",
            "bounds",
            "output-coverage",
            "coverage",
            "determinism",
            "determ",
            "concurrency",
            "concur",
            "supports-honest",
            "supports",
            "invalid-nodes",
            "invalid");

    private SummaryTable() {}

    /**
     * @param checks the checks shown
     * @return a line naming the abbreviated columns
     */
    static String legend(List<String> checks) {
        StringBuilder sb = new StringBuilder("columns:");
        for (String c : checks) {
            if (SHORT.containsKey(c)) {
                sb.append(' ').append(SHORT.get(c)).append('=').append(c);
            }
        }
        return sb.toString();
    }

    /**
     * @param verdicts the decisions
     * @param checks the checks, as columns
     * @param maxRows above this many claims, certified claims are summarised one row per operator
     * @return the table's lines
     */
    static List<String> render(List<ClaimVerdict> verdicts, List<String> checks, int maxRows) {
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("op/dtype/layout"));
        checks.forEach(c -> header.add(SHORT.getOrDefault(c, c)));
        header.add("median/budget ms");
        header.add("verdict");
        rows.add(header.toArray(String[]::new));
        boolean several =
                verdicts.stream().map(ClaimVerdict::providerId).distinct().count() > 1;
        List<ClaimVerdict> shown = verdicts.stream().filter(SummaryTable::shown).toList();
        boolean compact = shown.size() > maxRows;
        Map<String, List<ClaimVerdict>> groups = new LinkedHashMap<>();
        for (ClaimVerdict v : shown) {
            String key = compact && v.status().certified()
                    ? v.providerId() + "\t" + v.claim().substring(0, v.claim().indexOf('/'))
                    : v.providerId() + "\t" + v.claim();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
        }
        for (List<ClaimVerdict> group : groups.values()) {
            ClaimVerdict first = group.get(0);
            boolean aggregate = compact && first.status().certified();
            String label = aggregate
                    ? first.claim().substring(0, first.claim().indexOf('/')) + " (" + group.size()
                            + (group.size() == 1 ? " claim)" : " claims)")
                    : first.claim();
            List<String> row = new ArrayList<>();
            row.add(several ? first.providerId() + ": " + label : label);
            for (String c : checks) {
                Set<String> cells = new LinkedHashSet<>();
                group.forEach(v -> cells.add(v.result(c).map(SummaryTable::cell).orElse("-")));
                row.add(String.join("+", cells));
            }
            // The row's latency is its claim closest to (or furthest over) its budget.
            Optional<ResultFile.Result> worst = group.stream()
                    .map(v -> v.result("latency"))
                    .flatMap(Optional::stream)
                    .filter(r -> r.medianMs() >= 0 && r.budgetMs() > 0)
                    .max(Comparator.comparingDouble(r -> r.medianMs() / r.budgetMs()));
            row.add(worst.map(r -> String.format(
                            Locale.ROOT,
                            "%.3f/%.3f%s",
                            r.medianMs(),
                            r.budgetMs(),
                            r.medianMs() > r.budgetMs() ? " OVER" : ""))
                    .orElse("-"));
            row.add(aggregate ? group.size() + " certified" : first.status().label());
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
        Map<String, List<String>> noGenerator = new TreeMap<>();
        Map<String, List<String>> outside = new TreeMap<>();
        for (ClaimVerdict v : verdicts) {
            for (ResultFile.Result r : v.results()) {
                if (r.failed()) {
                    out.add(r.status() + " " + v.claim() + "#" + r.check() + ": " + r.message());
                }
            }
            switch (v.status()) {
                case NO_GENERATOR ->
                    noGenerator
                            .computeIfAbsent(v.claim().substring(0, v.claim().indexOf('/')), k -> new ArrayList<>())
                            .add(v.claim().substring(v.claim().indexOf('/') + 1));
                case NOT_EXERCISED ->
                    out.add("NOT CERTIFIED " + v.claim() + ": no generated case was exercised "
                            + v.result("numerics")
                                    .map(r -> "(" + r.message() + ")")
                                    .orElse(""));
                case OUTSIDE_PROFILE ->
                    outside.computeIfAbsent(v.claim().substring(0, v.claim().indexOf('/')), k -> new ArrayList<>())
                            .add(v.claim().substring(v.claim().indexOf('/') + 1));
                default -> {}
            }
        }
        // Grouped per operator: a plugin claiming many data types must not flood the terminal.
        noGenerator.forEach((op, rest) -> out.add("NOT CERTIFIED " + op + " " + rest + ": the kit has no case generator"
                + " (or reference kernel) for it yet, so it is not in the certificate"));
        outside.forEach(
                (op, rest) -> out.add("NOT CERTIFIED " + op + " " + rest + ": outside the certification profile"));
        return out;
    }

    /**
     * @param verdict a decision
     * @return whether it gets a table row: every claim the kit actually exercised or that failed
     */
    static boolean shown(ClaimVerdict verdict) {
        return verdict.status() != ClaimVerdict.Status.NO_GENERATOR
                && verdict.status() != ClaimVerdict.Status.OUTSIDE_PROFILE;
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
