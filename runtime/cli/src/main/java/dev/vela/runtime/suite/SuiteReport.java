package dev.vela.runtime.suite;

import dev.vela.runtime.bench.ReportJsonWriter;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.spi.DataType;
import dev.vela.spi.OpId;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        return ReportJsonWriter.compact(j -> {
                    j.beginObject()
                            .name("passed")
                            .value(count(CaseStatus.PASSED))
                            .name("failed")
                            .value(count(CaseStatus.FAILED))
                            .name("unsupported")
                            .value(count(CaseStatus.UNSUPPORTED))
                            .name("errors")
                            .value(count(CaseStatus.ERROR))
                            .name("cases")
                            .beginArray();
                    for (CaseResult r : results) {
                        j.beginObject()
                                .name("name")
                                .value(r.name())
                                .name("op")
                                .value(r.op())
                                .name("status")
                                .value(r.status().label())
                                .name("detail")
                                .value(r.detail())
                                .endObject();
                    }
                    j.endArray().endObject();
                })
                + "\n";
    }

    /** The activation types the coverage table has a column for, with their headings. */
    private static final Map<DataType, String> TYPE_COLUMNS = new java.util.LinkedHashMap<>();

    static {
        TYPE_COLUMNS.put(DataType.FLOAT32, "fp32");
        TYPE_COLUMNS.put(DataType.INT8, "int8");
        TYPE_COLUMNS.put(DataType.UINT8, "uint8");
        TYPE_COLUMNS.put(DataType.INT16, "int16x8");
    }

    /**
     * The per-op coverage table: suite figures per op and, from the provider's claims, which activation types its
     * kernels implement. Operators the provider implements but the suite never exercises get a row too.
     *
     * @param registry the provider whose claims fill the type columns
     * @return the Markdown table, sorted by op, with a total row
     */
    public String toMarkdown(KernelRegistry registry) {
        Map<String, int[]> byOp = new TreeMap<>();
        for (OpId op : registry.ops()) {
            byOp.put(op.toString(), new int[5]);
        }
        for (CaseResult r : results) {
            int[] row = byOp.computeIfAbsent(r.op(), k -> new int[5]);
            row[0]++;
            row[1 + r.status().ordinal()]++;
        }
        StringBuilder sb = new StringBuilder("| op |");
        TYPE_COLUMNS.values().forEach(h -> sb.append(' ').append(h).append(" |"));
        sb.append(" suite cases | passed | failed | unsupported | error |\n|---|");
        TYPE_COLUMNS.values().forEach(h -> sb.append(":---:|"));
        sb.append("---:|---:|---:|---:|---:|\n");
        int[] total = new int[5];
        byOp.forEach((op, row) -> {
            Set<DataType> claimed = claimedTypes(registry, op);
            sb.append("| ").append(op.replace("|", "\\|")).append(" |");
            TYPE_COLUMNS.keySet().forEach(t -> sb.append(claimed.contains(t) ? " ✓ |" : "   |"));
            for (int i = 0; i < row.length; i++) {
                sb.append(' ').append(row[i]).append(" |");
                total[i] += row[i];
            }
            sb.append('\n');
        });
        sb.append("| **total** |").append(" |".repeat(TYPE_COLUMNS.size()));
        for (int v : total) {
            sb.append(' ').append(v).append(" |");
        }
        return sb.append('\n').toString();
    }

    private static Set<DataType> claimedTypes(KernelRegistry registry, String op) {
        Set<DataType> types = java.util.EnumSet.noneOf(DataType.class);
        try {
            registry.find(OpId.parse(op)).ifPresent(f -> f.claims().forEach(c -> types.add(c.dataType())));
        } catch (IllegalArgumentException e) {
            // not an operator name the registry could hold
        }
        return types;
    }
}
