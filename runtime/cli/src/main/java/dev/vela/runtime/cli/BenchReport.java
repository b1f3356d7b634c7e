package dev.vela.runtime.cli;

import com.google.gson.stream.JsonWriter;
import dev.vela.runtime.bench.LatencyStats;
import dev.vela.runtime.bench.OpProfile;
import dev.vela.runtime.bench.PartitionTimes;
import dev.vela.runtime.bench.ReportJsonWriter;
import dev.vela.runtime.bench.compare.OutputDiff;
import dev.vela.runtime.memory.ArenaFigures;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code vela bench} measured, printed as a table or written as JSON.
 *
 * @param model the model file
 * @param threads threads per kernel
 * @param runs timed runs
 * @param warmup untimed runs before them (the first, which plans the arena, included)
 * @param vela Vela's figures
 * @param compare the reference engine's figures, when asked for
 */
record BenchReport(String model, int threads, int runs, long warmup, VelaSide vela, Optional<CompareSide> compare) {

    /** Longest node name shown in the table; longer ones are shortened in the middle. */
    private static final int NODE_WIDTH = 40;

    /**
     * Vela's side.
     *
     * @param latency run times
     * @param ops per-node mean time, slowest first
     * @param arena the session arena
     * @param peakHeapBytes summed peak of the heap pools during the runs
     * @param outputs the outputs of the first run
     */
    record VelaSide(
            LatencyStats latency,
            List<OpProfile.Row> ops,
            ArenaFigures arena,
            long peakHeapBytes,
            List<Tensor> outputs,
            List<PartitionTimes.Row> partitions) {}

    /**
     * The reference engine's side.
     *
     * @param engine its name and version
     * @param placement what the engine's delegate took (empty when it has nothing to say)
     * @param latency its run times
     * @param diff the largest output difference against Vela
     */
    record CompareSide(String engine, String placement, LatencyStats latency, OutputDiff diff) {

        /** @return Vela's median over the engine's: above 1 means Vela is slower */
        double ratio(LatencyStats velaLatency) {
            return latency.p50() == 0 ? Double.NaN : velaLatency.p50() / latency.p50();
        }
    }

    void print(PrintWriter out) {
        LatencyStats l = vela.latency();
        out.printf(Locale.ROOT, "model   %s%n", model);
        out.printf(Locale.ROOT, "runs    %d timed after %d warm-up, %d thread(s)%n", runs, warmup, threads);
        out.printf(
                Locale.ROOT,
                "latency p50 %.4f ms  p90 %.4f ms  p99 %.4f ms  (mean %.4f, min %.4f, max %.4f)%n",
                l.p50(),
                l.p90(),
                l.p99(),
                l.mean(),
                l.min(),
                l.max());
        ArenaFigures a = vela.arena();
        out.printf(
                Locale.ROOT,
                "arena   %,d bytes, lower bound %,d bytes (%.3fx), %d buffers, %d in place%n",
                a.arenaBytes(),
                a.lowerBoundBytes(),
                a.ratio(),
                a.buffers(),
                a.inPlace());
        out.printf(
                Locale.ROOT,
                "heap    peak %.1f MiB (sum of heap pool peaks during the runs)%n",
                vela.peakHeapBytes() / (1024.0 * 1024.0));
        compare.ifPresent(c -> printCompare(out, c));
        printOps(out);
        PartitionTimes.print(vela.partitions(), out);
    }

    private void printCompare(PrintWriter out, CompareSide c) {
        OutputDiff d = c.diff();
        out.printf(
                Locale.ROOT,
                "compare %s: p50 %.4f ms; vela/engine %.2fx; max |diff| %s%n",
                c.engine(),
                c.latency().p50(),
                c.ratio(vela.latency()),
                d.note().isEmpty()
                        ? (d.maxAbsDiff() == 0 ? "0" : String.format(Locale.ROOT, "%.3g", d.maxAbsDiff())) + " ("
                                + describe(d.kind()) + ")"
                        : "not measured: " + d.note());
        if (!c.placement().isEmpty()) {
            out.printf(Locale.ROOT, "peer    %s%n", c.placement());
        }
    }

    private static String describe(String kind) {
        return switch (kind) {
            case "dequantized" -> "dequantized: integer difference x output scale";
            case "integer" -> "raw integer difference";
            default -> kind;
        };
    }

    private void printOps(PrintWriter out) {
        List<OpProfile.Row> ops = vela.ops();
        int nodeWidth = "node".length();
        int opWidth = "op".length();
        int providerWidth = "provider".length();
        for (OpProfile.Row r : ops) {
            nodeWidth = Math.max(nodeWidth, Math.min(NODE_WIDTH, r.node().length()));
            opWidth = Math.max(opWidth, r.op().length());
            providerWidth = Math.max(providerWidth, r.provider().length());
        }
        String format = "%-" + nodeWidth + "s  %-" + opWidth + "s  %-" + providerWidth + "s  %9s  %6s%n";
        out.println();
        out.println("per-operator time (mean per run over as many profiled runs after the timed ones, slowest first)");
        out.printf(Locale.ROOT, format, "node", "op", "provider", "ms", "%");
        for (OpProfile.Row r : ops) {
            out.printf(
                    Locale.ROOT,
                    format,
                    shorten(r.node()),
                    r.op(),
                    r.provider(),
                    String.format(Locale.ROOT, "%.4f", r.ms()),
                    String.format(Locale.ROOT, "%.1f", r.percent()));
        }
    }

    private static String shorten(String node) {
        if (node.length() <= NODE_WIDTH) {
            return node;
        }
        int keep = (NODE_WIDTH - 3) / 2;
        return node.substring(0, keep) + "..." + node.substring(node.length() - (NODE_WIDTH - 3 - keep));
    }

    void writeJson(Path file) throws IOException {
        String text = ReportJsonWriter.compact(this::document);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text + System.lineSeparator(), StandardCharsets.UTF_8);
    }

    private void document(JsonWriter j) throws IOException {
        j.beginObject();
        j.name("model")
                .value(model)
                .name("threads")
                .value(threads)
                .name("runs")
                .value(runs)
                .name("warmup")
                .value(warmup);
        latency(j, vela.latency());
        j.name("arenaBytes")
                .value(vela.arena().arenaBytes())
                .name("arenaLowerBoundBytes")
                .value(vela.arena().lowerBoundBytes())
                .name("peakHeapBytes")
                .value(vela.peakHeapBytes());
        j.name("ops").beginArray();
        for (OpProfile.Row r : vela.ops()) {
            j.beginObject()
                    .name("node")
                    .value(r.node())
                    .name("op")
                    .value(r.op())
                    .name("provider")
                    .value(r.provider())
                    .name("ms")
                    .value(r.ms())
                    .name("percent")
                    .value(r.percent())
                    .endObject();
        }
        j.endArray();
        if (!vela.partitions().isEmpty()) {
            j.name("partitions").beginArray();
            for (PartitionTimes.Row r : vela.partitions()) {
                j.beginObject()
                        .name("partition")
                        .value(r.partition())
                        .name("provider")
                        .value(r.provider())
                        .name("nodes")
                        .value(r.nodes())
                        .name("ms")
                        .value(r.ms())
                        .name("percent")
                        .value(r.percent())
                        .name("inputCopies")
                        .value(r.inputCopies())
                        .name("inputBytes")
                        .value(r.inputBytes())
                        .name("outputCopies")
                        .value(r.outputCopies())
                        .name("outputBytes")
                        .value(r.outputBytes())
                        .endObject();
            }
            j.endArray();
        }
        if (compare.isPresent()) {
            CompareSide c = compare.get();
            j.name("compare")
                    .beginObject()
                    .name("engine")
                    .value(c.engine())
                    .name("placement")
                    .value(c.placement());
            latency(j, c.latency());
            j.name("ratio")
                    .value(c.ratio(vela.latency()))
                    .name("maxAbsDiff")
                    .value(c.diff().maxAbsDiff())
                    .name("diffKind")
                    .value(c.diff().kind());
            if (!c.diff().note().isEmpty()) {
                j.name("diffNote").value(c.diff().note());
            }
            j.endObject();
        }
        j.endObject();
    }

    private static void latency(JsonWriter j, LatencyStats l) throws IOException {
        j.name("latencyMs")
                .beginObject()
                .name("p50")
                .value(l.p50())
                .name("p90")
                .value(l.p90())
                .name("p99")
                .value(l.p99())
                .name("mean")
                .value(l.mean())
                .endObject();
    }
}
