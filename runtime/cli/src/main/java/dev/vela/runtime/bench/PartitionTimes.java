package dev.vela.runtime.bench;

import dev.vela.runtime.delegate.DelegationPlan;
import dev.vela.runtime.delegate.PartitionReport;
import dev.vela.runtime.profile.NodeTypes;
import dev.vela.spi.TensorType;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code vela bench}'s delegate table: per partition, its mean time per run and what crosses its boundary on every
 * invocation (the boundary tensors the runtime owns and the delegate reads or writes: on an accelerator, the copies
 * between host and device memory), so a user sees whether a partition pays for its crossings.
 */
public final class PartitionTimes {

    /**
     * One partition.
     *
     * @param partition its name, e.g. {@code acme-npu#0}
     * @param provider the delegate's provider
     * @param nodes how many of the model's nodes it holds
     * @param ms mean wall time per run, in milliseconds (from the profiled runs)
     * @param percent share of the summed time of all nodes
     * @param inputCopies boundary inputs per invocation
     * @param inputBytes their bytes per invocation
     * @param outputCopies boundary outputs per invocation
     * @param outputBytes their bytes per invocation
     */
    public record Row(
            String partition,
            String provider,
            int nodes,
            double ms,
            double percent,
            int inputCopies,
            long inputBytes,
            int outputCopies,
            long outputBytes) {}

    private PartitionTimes() {}

    /**
     * @param plan the model's delegation plan, if any
     * @param ops the per-node profile (a partition is one node of it)
     * @param types the types the session saw per node (a partition's boundary)
     * @return a row per partition, in the plan's order
     */
    public static List<Row> of(Optional<DelegationPlan> plan, List<OpProfile.Row> ops, List<NodeTypes> types) {
        List<Row> rows = new ArrayList<>();
        if (plan.isEmpty()) {
            return rows;
        }
        for (PartitionReport r : plan.get().partitions()) {
            double ms = 0;
            double percent = 0;
            for (OpProfile.Row op : ops) {
                if (op.node().equals(r.name())) {
                    ms += op.ms();
                    percent += op.percent();
                }
            }
            long inBytes = 0;
            long outBytes = 0;
            for (NodeTypes t : types) {
                if (t.node().name().equals(r.name())) {
                    inBytes = bytes(t.inputs());
                    outBytes = bytes(t.outputs());
                }
            }
            rows.add(new Row(
                    r.name(),
                    r.provider(),
                    r.nodes().size(),
                    ms,
                    percent,
                    r.inputs().size(),
                    inBytes,
                    r.outputs().size(),
                    outBytes));
        }
        return rows;
    }

    private static long bytes(List<TensorType> types) {
        long sum = 0;
        for (TensorType t : types) {
            sum += t == null ? 0 : t.byteSize();
        }
        return sum;
    }

    /**
     * Prints the table (nothing when no delegate took a partition).
     *
     * @param rows the rows
     * @param out where
     */
    public static void print(List<Row> rows, PrintWriter out) {
        if (rows.isEmpty()) {
            return;
        }
        int copies = 0;
        long bytes = 0;
        for (Row r : rows) {
            copies += r.inputCopies() + r.outputCopies();
            bytes += r.inputBytes() + r.outputBytes();
        }
        out.println();
        out.println("delegate partitions (mean per run; boundary copies per invocation: " + copies + " tensors, "
                + bytes + " bytes in all)");
        String format = "%-16s  %-14s  %5s  %9s  %6s  %9s  %11s  %10s  %12s%n";
        out.printf(
                Locale.ROOT,
                format,
                "partition",
                "provider",
                "nodes",
                "ms",
                "%",
                "in copies",
                "in bytes",
                "out copies",
                "out bytes");
        for (Row r : rows) {
            out.printf(
                    Locale.ROOT,
                    format,
                    r.partition(),
                    r.provider(),
                    r.nodes(),
                    String.format(Locale.ROOT, "%.4f", r.ms()),
                    String.format(Locale.ROOT, "%.1f", r.percent()),
                    r.inputCopies(),
                    r.inputBytes(),
                    r.outputCopies(),
                    r.outputBytes());
        }
    }
}
