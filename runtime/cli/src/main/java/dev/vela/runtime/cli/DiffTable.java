package dev.vela.runtime.cli;

import dev.vela.runtime.debug.DiffTolerance;
import dev.vela.runtime.debug.DivergenceCheck;
import dev.vela.runtime.debug.ValueDiff;
import dev.vela.runtime.debug.ValueRecording;
import dev.vela.spi.Tensor;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The per-node error table of {@code vela diff} (two Vela runs) and {@code vela diff --peer} (Vela against a peer
 * engine's intermediate values): one row per value the subject wrote, in execution order, with its largest difference,
 * how many elements leave the tolerance and a verdict, then the first node whose outputs leave it.
 */
final class DiffTable {

    private DiffTable() {}

    /**
     * @param out where to print
     * @param header lines printed first (model, what the two runs are)
     * @param t the tolerance
     * @param diffs the comparison, in the subject's execution order
     * @param absent the verdict of a value the baseline does not have
     */
    static void print(PrintWriter out, List<String> header, DiffTolerance t, List<ValueDiff> diffs, String absent) {
        header.forEach(out::println);
        out.printf(
                Locale.ROOT,
                "tolerance float |a-e| <= %s + %s*|e|; integers within %d step(s)%n%n",
                number(t.atol()),
                number(t.rtol()),
                t.integerSteps());
        int nodeWidth = 4;
        int opWidth = 2;
        int providerWidth = 8;
        int valueWidth = 5;
        for (ValueDiff d : diffs) {
            nodeWidth = Math.max(nodeWidth, Math.min(40, d.subject().node().length()));
            opWidth = Math.max(opWidth, d.subject().op().length());
            providerWidth = Math.max(providerWidth, d.subject().provider().length());
            valueWidth = Math.max(valueWidth, Math.min(40, d.subject().value().length()));
        }
        String format = "%-" + nodeWidth + "s  %-" + opWidth + "s  %-" + providerWidth + "s  %-" + valueWidth
                + "s  %12s  %15s  %s%n";
        out.printf(Locale.ROOT, format, "node", "op", "provider", "value", "max |diff|", "outside", "verdict");
        Optional<ValueDiff> first = DivergenceCheck.firstDivergence(diffs);
        for (ValueDiff d : diffs) {
            String verdict = !d.compared()
                    ? absent
                    : d.agrees()
                            ? "ok"
                            : (first.isPresent() && first.get() == d ? "FIRST DIVERGENCE" : "differs")
                                    + (d.note().isEmpty() ? "" : ": " + d.note());
            out.printf(
                    Locale.ROOT,
                    format,
                    clip(d.subject().node()),
                    d.subject().op(),
                    d.subject().provider(),
                    clip(d.subject().value()),
                    d.compared() ? number(d.maxAbsDiff()) : "-",
                    d.compared() ? d.mismatches() + "/" + d.subject().tensor().elementCount() : "-",
                    verdict);
        }
        out.println();
        if (first.isEmpty()) {
            out.println("the runs agree: every compared value is within the tolerance");
            return;
        }
        ValueDiff d = first.get();
        ValueRecording.Value s = d.subject();
        StringBuilder line = new StringBuilder("first divergence: node '")
                .append(s.node())
                .append("' (")
                .append(s.op())
                .append(" on ")
                .append(s.provider())
                .append("), value '")
                .append(s.value())
                .append("': ");
        if (!d.note().isEmpty()) {
            line.append(d.note());
        } else {
            ValueRecording.Value b = d.baseline().orElseThrow();
            line.append(d.mismatches())
                    .append(" of ")
                    .append(s.tensor().elementCount())
                    .append(" elements outside the tolerance, max |diff| ")
                    .append(number(d.maxAbsDiff()))
                    .append(" at flat index ")
                    .append(d.worstIndex())
                    .append(" (subject ")
                    .append(element(s.tensor(), d.worstIndex()))
                    .append(", baseline ")
                    .append(element(b.tensor(), d.worstIndex()))
                    .append(")");
        }
        out.println(line);
    }

    private static String element(Tensor t, int index) {
        return t.dataType().isFloatingPoint() ? number(t.getDouble(index)) : Long.toString(t.getLong(index));
    }

    private static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15
                ? Long.toString((long) x)
                : String.format(Locale.ROOT, "%.6g", x);
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 18) + "..." + text.substring(text.length() - 19);
    }
}
